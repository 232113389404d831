/*
 * Sarcoma MDT: puts the server's refusal of a task completion next to the form's complete button.
 *
 * When the server refuses a completion (e.g. M2, quorum not met), Tasklist only shows its
 * COMPLETE_ERROR notification in a corner of the page, with the engine's raw text. This script
 * shows the server's French message in an alert (#sarcoma-refusal, role="alert") just above the
 * complete button the user just clicked, with the refused fields listed under it, labelled as on
 * the form. The alert goes with the next attempt, or when another task is opened. Tasklist's
 * notification, which lies over the form's buttons (see closeNotificationOf), is closed.
 *
 * Tasklist gives custom scripts no hook on a completion's outcome, and the SDK keeps only the
 * body's "message" of an error, so the script watches the POSTs to .../task/{id}/submit-form
 * itself (Tasklist's HTTP client, superagent, sends them with XMLHttpRequest). Loaded through
 * customScripts in config.js; no dependency, nothing exported to Tasklist as a plugin.
 *
 * The server answers a refusal with {"type", "message", "errors": [{"field", "reason"}]}, its
 * message in French (platform/rest/EngineProblem). Should a response ever carry an engine code
 * instead, the alert says only that the server refused, and Tasklist's notification keeps the text.
 */

const ALERT_ID = 'sarcoma-refusal';
const SUBMIT_FORM = /\/task\/([^/]+)\/submit-form$/;
const ENGINE_CODE = /ENGINE-\d+/;
const GENERIC_MESSAGE = status => 'Le serveur a refusé de terminer la tâche (erreur ' + status + ').';

// Which submit-form request an XMLHttpRequest is, noted at open() and read at send().
const submits = new WeakMap();
// Counts the completion attempts: a refusal is shown only if no attempt was made since.
let attempts = 0;

const originalOpen = XMLHttpRequest.prototype.open;
const originalSend = XMLHttpRequest.prototype.send;

XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  const path = pathOf(url);
  if (String(method).toUpperCase() === 'POST' && SUBMIT_FORM.test(path)) {
    submits.set(this, path);
  } else {
    submits.delete(this);
  }
  return originalOpen.call(this, method, url, ...rest);
};

XMLHttpRequest.prototype.send = function (...args) {
  const submitPath = submits.get(this);
  if (submitPath) {
    // A new attempt: the previous refusal no longer applies.
    attempts += 1;
    clearRefusal();
    this.addEventListener('load', () => {
      // 401: Tasklist sends the user to its login page, there is no form to annotate.
      if (this.status >= 400 && this.status !== 401) {
        showRefusal(submitPath, this.status, this.responseText);
      }
    });
  }
  return originalSend.apply(this, args);
};

// Opening another task (Tasklist keeps the task in the hash: #/?task=<id>) drops the alert.
window.addEventListener('hashchange', () => {
  const alert = document.getElementById(ALERT_ID);
  if (alert && alert.dataset.taskId !== openTaskId()) {
    alert.remove();
  }
});

/**
 * Shows the refusal of the submit-form request at submitPath (status and body as received) next to
 * the complete button of that task's form, if that task is still the one open. Exported so that
 * TasklistBrowserIT can show a refusal of its making (the server's structured one, with errors).
 */
export async function showRefusal(submitPath, status, responseText) {
  const attempt = attempts;
  const taskId = decodeURIComponent(SUBMIT_FORM.exec(submitPath)[1]);
  const body = parseJson(responseText);
  const errors = Array.isArray(body && body.errors) ? body.errors : [];
  const labels = errors.length ? await fieldLabels(submitPath.replace(SUBMIT_FORM, '/task/$1/deployed-form')) : {};

  const button = completeButtonOf(taskId);
  if (attempt !== attempts || !button) {
    return;
  }
  clearRefusal();
  const message = messageOf(status, body);
  const alert = element('div', 'alert alert-danger');
  alert.id = ALERT_ID;
  alert.setAttribute('role', 'alert');
  alert.dataset.taskId = taskId;
  alert.style.textAlign = 'left'; // .form-actions aligns its buttons to the right
  alert.append(element('strong', null, 'Tâche non terminée. '), element('span', 'sarcoma-refusal-message', message));
  if (errors.length) {
    const list = element('ul', 'sarcoma-refusal-errors');
    errors.forEach(error => {
      const label = labels[error.field] || error.field;
      list.append(element('li', null, [label, error.reason].filter(Boolean).join(' : ')));
    });
    alert.append(list);
  }
  // Just above the buttons, inside the same .form-actions: where the user's eyes are.
  button.parentElement.insertBefore(alert, button.parentElement.firstChild);
  // The alert pushed the button down, maybe out of view: scroll it back to the middle of the pane
  // (at the end of the form, the pane scrolls to its end: Tasklist's footer lies over its last pixels).
  button.scrollIntoView({block: 'center'});
  if (message !== GENERIC_MESSAGE(status)) {
    closeNotificationOf(body.message.trim());
  }
}

/**
 * Closes Tasklist's notification of the refusal (the one whose message is the server's raw
 * message), once it is there. Tasklist pins its notifications to the bottom right of the page,
 * that is over the form's buttons once the form is scrolled to its end: it hid this very alert,
 * and said nothing more (at most the engine's code). Left open when the alert could only give the
 * generic message: then the notification holds the details.
 */
function closeNotificationOf(rawMessage) {
  const close = () => {
    const notification = Array.from(document.querySelectorAll('.page-notifications .alert')).find(candidate =>
      ((candidate.querySelector('.message') || {}).textContent || '').trim() === rawMessage);
    const closeButton = notification && notification.querySelector('button.close[ng-click^="removeNotification"]');
    if (closeButton) {
      closeButton.click(); // Tasklist's own button: its list of notifications stays right
    }
    return Boolean(closeButton);
  };
  // Tasklist adds it once its translation of the title is ready, maybe after this alert.
  if (!close()) {
    const observer = new MutationObserver(() => close() && observer.disconnect());
    observer.observe(document.body, {childList: true, subtree: true, characterData: true});
    setTimeout(() => observer.disconnect(), 5000);
  }
}

/** The French message of the body; never an engine code. */
function messageOf(status, body) {
  const message = body && typeof body.message === 'string' ? body.message.trim() : '';
  return message && !ENGINE_CODE.test(message) ? message : GENERIC_MESSAGE(status);
}

/**
 * The labels shown on the page, by variable name: the form's schema maps a name (key) to its
 * component id, form-js's DOM ids end with that id. Fields not on the page (hidden) are left out.
 */
async function fieldLabels(deployedFormPath) {
  const labels = {};
  try {
    const response = await fetch(deployedFormPath, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
    const schema = response.ok ? await response.json() : {};
    const visit = components => (components || []).forEach(component => {
      const id = component.id && CSS.escape(component.id);
      // "fjs-form-<form>-<id>", and "-<id>-0"... for each option of a radio or checklist.
      const field = component.key && id && document.querySelector('[id$="-' + id + '"], [id*="-' + id + '-"]');
      // The field's own label comes first (a radio or checklist also labels each option).
      const label = field && field.closest('.fjs-form-field')
        && field.closest('.fjs-form-field').querySelector('.fjs-form-field-label');
      const text = label ? labelText(label) : '';
      if (text) {
        labels[component.key] = text;
      }
      visit(component.components);
    });
    visit(schema.components);
  } catch (e) {
    // Without the labels, the fields are named by their variable: the refusal is still shown.
  }
  return labels;
}

/** A label's text without form-js's required-field asterisk. */
function labelText(label) {
  const copy = label.cloneNode(true);
  copy.querySelectorAll('.fjs-asterix').forEach(asterisk => asterisk.remove());
  return copy.textContent.trim();
}

/** The complete button of the task form on display (not of a start form), if that form is the task's. */
function completeButtonOf(taskId) {
  return openTaskId() === taskId
    ? document.querySelector('.task-details [cam-tasklist-form] .form-actions button[ng-click="complete()"]') : null;
}

function openTaskId() {
  const query = window.location.hash.split('?')[1] || '';
  return new URLSearchParams(query).get('task');
}

function clearRefusal() {
  const alert = document.getElementById(ALERT_ID);
  if (alert) {
    alert.remove();
  }
}

function pathOf(url) {
  try {
    return new URL(String(url), document.baseURI).pathname;
  } catch (e) {
    return '';
  }
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return null;
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text) {
    node.textContent = text;
  }
  return node;
}
