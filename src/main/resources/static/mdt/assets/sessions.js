/*
 * Sarcoma MDT: the actions of the sessions page (templates/mdt/sessions.html), for coordinators: add a one-off session,
 * cancel a session, move a case. Each calls the sessions API (mdt/MdtSessionController) with the user's webapp
 * session and the webapps' CSRF token in the X-XSRF-TOKEN header (security/WebappSessionAuthenticationFilter), so no
 * second login. The server is the guard: every field is checked there, and its French refusals (problem detail:
 * "detail", and "errors" [{field, reason}] for bad fields) are shown next to the form that was sent. After a change
 * the page is read again from the server, with a French message saying what was done.
 */
(function () {
  'use strict';

  const FLASH_KEY = 'sarcoma-mdt-sessions-flash';
  const TIME_ZONE = 'Europe/Paris';
  // The API's field names, as a coordinator reads them.
  const FIELD_LABELS = {
    startsAt: 'Date de la séance',
    durationMinutes: 'Durée',
    registrationCutoffAt: 'Clôture des inscriptions',
    cutoffBeforeStart: 'Clôture des inscriptions',
    capacity: 'Capacité',
    note: 'Note',
    reason: 'Motif de l\u2019annulation',
    sessionId: 'Séance'
  };
  // A field error shown under the form field it is about.
  const FIELD_OF_ERROR = {cutoffBeforeStart: 'registrationCutoffAt'};

  // The CSRF token /////////////////////////////////////////////////////////////////////////////////

  let token = (document.querySelector('meta[name="sarcoma-csrf-token"]') || {}).content || '';

  /**
   * The page carries the session's token. A session the webapps have not yet given one gets it now: Camunda's CSRF
   * filter issues it on a read of the webapps' API, in the X-XSRF-TOKEN response header (readable by this page only:
   * same origin).
   */
  async function csrfToken() {
    if (!token) {
      const response = await fetch('/camunda/api/admin/auth/user/default',
        {credentials: 'same-origin', headers: {Accept: 'application/json'}});
      token = response.headers.get('X-XSRF-TOKEN') || '';
    }
    return token;
  }

  // Calls //////////////////////////////////////////////////////////////////////////////////////////

  class Refusal extends Error {
    constructor(detail, errors) {
      super(detail);
      this.errors = errors || [];
    }
  }

  async function post(url, body) {
    let response;
    try {
      response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'X-XSRF-TOKEN': await csrfToken(),
          // Never HTTP Basic's prompt: an expired session gets a French problem detail instead.
          'X-Requested-With': 'XMLHttpRequest'
        },
        body: JSON.stringify(body)
      });
    } catch (e) {
      throw new Refusal('Le serveur n\u2019a pas répondu : vérifiez la connexion au réseau, puis recommencez.');
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      throw new Refusal(
        (json && json.detail) || 'Le serveur a refusé la demande (HTTP ' + response.status + ').',
        json && Array.isArray(json.errors) ? json.errors : []);
    }
    return json;
  }

  // Paris time ////////////////////////////////////////////////////////////////////////////////////

  /** Minutes Paris is ahead of UTC at this instant. */
  function parisOffsetMinutes(utcMillis) {
    const parts = {};
    new Intl.DateTimeFormat('en-GB', {
      timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit'
    }).formatToParts(new Date(utcMillis)).forEach(part => { parts[part.type] = Number(part.value); });
    const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return Math.round((asUtc - utcMillis) / 60000);
  }

  /** "2026-12-03" and "14:00", Paris time, as the API takes it ("2026-12-03T14:00:00+01:00"); null if incomplete. */
  function parisDateTime(date, time) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}/.test(time)) {
      return null;
    }
    const [year, month, day] = date.split('-').map(Number);
    const [hour, minute] = time.split(':').map(Number);
    const wallClock = Date.UTC(year, month - 1, day, hour, minute);
    let offset = parisOffsetMinutes(wallClock);
    offset = parisOffsetMinutes(wallClock - offset * 60000);
    const sign = offset < 0 ? '-' : '+';
    const pad = n => String(Math.abs(n)).padStart(2, '0');
    return date + 'T' + time.slice(0, 5) + ':00' + sign + pad(Math.trunc(offset / 60)) + ':' + pad(offset % 60);
  }

  // Showing what happened //////////////////////////////////////////////////////////////////////////

  function reloadWith(message) {
    sessionStorage.setItem(FLASH_KEY, message);
    window.location.reload();
  }

  function showFlash() {
    const message = sessionStorage.getItem(FLASH_KEY);
    sessionStorage.removeItem(FLASH_KEY);
    if (message) {
      const flash = document.getElementById('flash');
      flash.textContent = message;
      flash.hidden = false;
    }
  }

  function fieldErrorLine(error) {
    return '\u00ab ' + (FIELD_LABELS[error.field] || error.field) + ' \u00bb : ' + error.reason;
  }

  /** A refusal under a small form: the detail, or the bad fields with their French reasons. */
  function showRefusal(target, refusal) {
    target.textContent = refusal.errors.length
      ? refusal.errors.map(fieldErrorLine).join(' ; ')
      : refusal.message;
  }

  function busy(form, isBusy) {
    form.querySelectorAll('button').forEach(button => { button.disabled = isBusy; });
  }

  function plural(count, one, many) {
    return count + ' ' + (count === 1 ? one : many);
  }

  // Add a one-off session /////////////////////////////////////////////////////////////////////////

  function numberOrNull(value) {
    return value === '' || value === null || value === undefined ? null : Number(value);
  }

  const addForm = document.getElementById('add-form');
  if (addForm) {
    addForm.addEventListener('submit', async event => {
      event.preventDefault();
      const value = name => addForm.elements[name].value.trim();
      addForm.querySelectorAll('.field-error').forEach(node => { node.textContent = ''; });
      const session = {
        startsAt: parisDateTime(value('startDate'), value('startTime')),
        durationMinutes: numberOrNull(value('durationMinutes')),
        registrationCutoffAt: parisDateTime(value('cutoffDate'), value('cutoffTime')),
        capacity: numberOrNull(value('capacity')),
        note: value('note') || null
      };
      busy(addForm, true);
      try {
        await post('/api/mdt/sessions', session);
        reloadWith('Séance ponctuelle ajoutée le ' + value('startDate').split('-').reverse().join('/')
          + ' à ' + value('startTime').replace(':', 'h') + '.');
      } catch (refusal) {
        const general = document.getElementById('add-error');
        const unplaced = [];
        refusal.errors.forEach(error => {
          const node = addForm.querySelector('.field-error[data-field="' + (FIELD_OF_ERROR[error.field] || error.field) + '"]');
          if (node) {
            node.textContent = (node.textContent ? node.textContent + ' ; ' : '') + error.reason;
          } else {
            unplaced.push(error);
          }
        });
        general.textContent = 'La séance n\u2019a pas été ajoutée : ' + (refusal.errors.length
          ? 'vérifiez ' + refusal.errors.map(error => '\u00ab ' + (FIELD_LABELS[error.field] || error.field) + ' \u00bb')
            .filter((label, index, all) => all.indexOf(label) === index).join(', ') + '.'
            + (unplaced.length ? ' ' + unplaced.map(fieldErrorLine).join(' ; ') : '')
          : refusal.message);
        busy(addForm, false);
      }
    });
  }

  // Cancel a session //////////////////////////////////////////////////////////////////////////////

  document.querySelectorAll('tbody.session').forEach(block => {
    const opener = block.querySelector('button.cancel-open');
    const row = block.querySelector('tr.cancel-row');
    if (!opener || !row) {
      return;
    }
    const form = row.querySelector('form.cancel');
    const error = form.querySelector('.error');
    opener.addEventListener('click', () => {
      row.hidden = false;
      form.elements.reason.focus();
    });
    form.querySelector('button.cancel-close').addEventListener('click', () => {
      row.hidden = true;
      error.textContent = '';
    });
    form.addEventListener('submit', async event => {
      event.preventDefault();
      error.textContent = '';
      busy(form, true);
      try {
        const cancelled = await post('/api/mdt/sessions/' + encodeURIComponent(block.dataset.sessionId) + '/cancel',
          {reason: form.elements.reason.value.trim() || null});
        const moved = (cancelled && cancelled.movedReferrals) || [];
        reloadWith('Séance du ' + block.dataset.sessionLabel + ' annulée. '
          + (moved.length
            ? plural(moved.length, 'dossier reporté', 'dossiers reportés') + ' à la séance suivante ayant de la place.'
            : 'Aucun dossier n\u2019était inscrit.'));
      } catch (refusal) {
        showRefusal(error, refusal);
        busy(form, false);
      }
    });
  });

  // Move a case ///////////////////////////////////////////////////////////////////////////////////

  document.querySelectorAll('li.case form.move').forEach(form => {
    const item = form.closest('li.case');
    const error = form.querySelector('.error');
    form.addEventListener('submit', async event => {
      event.preventDefault();
      error.textContent = '';
      const select = form.elements.sessionId;
      if (!select.value) {
        error.textContent = 'Choisissez la séance où déplacer le dossier.';
        return;
      }
      busy(form, true);
      try {
        await post('/api/mdt/registrations/' + encodeURIComponent(item.dataset.referralId) + '/move',
          {sessionId: select.value});
        reloadWith('Dossier ' + item.dataset.referralNumber + ' déplacé vers la séance du '
          + select.options[select.selectedIndex].text.replace(/\s*\(\d+\/\d+\)$/, '') + '.');
      } catch (refusal) {
        showRefusal(error, refusal);
        busy(form, false);
      }
    });
  });

  showFlash();
})();
