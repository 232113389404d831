/*
 * Sarcoma MDT: finding a patient from Tasklist, and the warning of a patient already known when a
 * referral is started.
 *
 * 1. "Rechercher un patient" in Tasklist's top bar (plugin point 'tasklist.navbar.action'): a link to
 *    the patient search, /patients (dossier/PatientPagesController), read with the Tasklist session.
 * 2. The referral start form ("Demande d'avis reçue"): when its Start button is pressed, the IPP, the
 *    name and the birth date typed are checked first (GET /api/patients/possible-duplicates, the same
 *    check as POST /api/referrals's warnings). A patient already known (the same IPP, or the same name
 *    and birth date under another IPP) stops the start: the warning, in French, covers the form until
 *    the coordinator goes back to the form or confirms; only then is the form sent. A warning, not a
 *    refusal: the server registers the referral either way.
 *
 * Loaded through customScripts in config.js. Only GET requests: no CSRF token is needed.
 */

const SEARCH_PAGE = '/patients';
const DUPLICATES_API = '/api/patients/possible-duplicates';
const FILE_PAGE = referralId => '/patients/referrals/' + encodeURIComponent(referralId);

// --- 1. The navbar entry ---------------------------------------------------------------------------

function renderSearchEntry(node) {
  const link = document.createElement('a');
  link.href = SEARCH_PAGE;
  link.id = 'sarcoma-patient-search';
  link.title = 'Rechercher un patient par son nom, son IPP, sa date de naissance ou un numéro de dossier';
  const icon = document.createElement('span');
  icon.className = 'glyphicon glyphicon-search';
  icon.setAttribute('aria-hidden', 'true');
  link.append(icon, ' Rechercher un patient');
  node.replaceChildren(link);
}

// --- 2. The patient already known, before a start --------------------------------------------------

// The start form's fields, by component id in StartReferral.form (the DOM id ends with '-' + it).
const IPP_FIELD = 'Field_intakePatientIdentifier';
const NAME_FIELD = 'Field_intakePatientName';
const BIRTH_DATE_FIELD = 'Field_intakeBirthDate';
const START_BUTTON = 'button[ng-click="startProcessInstance()"]';
const WARNING_ID = 'sarcoma-duplicate-warning';

// What the coordinator confirmed, per start form (its form-js container): the same patient is not
// asked about twice; another IPP, name or birth date is checked again.
const confirmed = new WeakMap();
// The click this script makes itself once the patient is checked: let through.
let passing = null;
let checking = false;

function fieldOf(container, componentId) {
  return Array.from(container.querySelectorAll('input, textarea'))
    .find(input => input.id.endsWith('-' + componentId)) || null;
}

/** The referral start form's container for this Start button, or null (another process's form). */
function referralStartForm(button) {
  const modal = button.closest('.modal-content') || document;
  const container = modal.querySelector('.fjs-container');
  return container && fieldOf(container, IPP_FIELD) ? container : null;
}

/** A birth date as typed (jj/mm/aaaa) if it is a real one, else null (form-js and the server say why). */
function realBirthDate(value) {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  if (!match) {
    return null;
  }
  const [day, month, year] = match.slice(1).map(Number);
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? value : null;
}

function typedPatient(container) {
  const value = id => ((fieldOf(container, id) || {}).value || '').trim();
  const birthDate = realBirthDate(value(BIRTH_DATE_FIELD));
  const name = value(NAME_FIELD);
  return {
    ipp: value(IPP_FIELD),
    // The name is compared with the birth date only.
    name: birthDate ? name : '',
    birthDate: name ? birthDate || '' : ''
  };
}

async function warningsFor(patient) {
  const query = new URLSearchParams();
  Object.entries(patient).filter(([, value]) => value).forEach(([key, value]) => query.set(key, value));
  const response = await fetch(DUPLICATES_API + '?' + query, {
    credentials: 'same-origin', headers: {Accept: 'application/json'}
  });
  if (!response.ok) {
    throw new Error('HTTP ' + response.status);
  }
  return (await response.json()).warnings || [];
}

function element(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  children.flat().filter(child => child !== null && child !== undefined && child !== '').forEach(child =>
    node.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return node;
}

/** Sends the form: Tasklist's own click on Start, which this script lets through. */
function start(button) {
  passing = button;
  try {
    button.click();
  } finally {
    passing = null;
  }
}

function closeWarning() {
  const shown = document.getElementById(WARNING_ID);
  if (shown) {
    shown.remove();
  }
}

/**
 * Covers the start form with the warnings: nothing is sent until the coordinator confirms ("Enregistrer
 * la demande quand même") or goes back to the form to correct the identity.
 */
function showWarnings(button, container, signature, warnings) {
  closeWarning();
  const back = element('button', 'btn btn-default sarcoma-duplicate-back', 'Revenir au formulaire');
  back.type = 'button';
  const confirm = element('button', 'btn btn-danger sarcoma-duplicate-confirm', 'Enregistrer la demande quand même');
  confirm.type = 'button';
  const title = element('h3', null, 'Attention : patient peut-être déjà connu');
  title.id = WARNING_ID + '-title';
  const box = element('div', 'alert alert-danger',
    title,
    element('p', null, element('strong', null, 'La demande n\u2019est pas encore enregistrée.')),
    element('ul', 'sarcoma-duplicate-messages', warnings.map(warning => element('li', 'sarcoma-duplicate-message',
      element('span', null, warning.message),
      (warning.referrals || []).length ? element('span', null, ' Dossiers : ',
        ...warning.referrals.flatMap((referral, index) => {
          const link = element('a', 'sarcoma-duplicate-referral', referral.businessKey);
          link.href = FILE_PAGE(referral.referralId);
          link.target = '_blank';
          link.rel = 'noopener';
          return index ? [', ', link] : [link];
        }), '.') : ''))),
    element('p', null, 'Vérifiez l\u2019IPP, le nom et la date de naissance avant d\u2019enregistrer.'),
    element('div', 'sarcoma-duplicate-buttons', back, ' ', confirm));
  Object.assign(box.style, {
    maxWidth: '640px', margin: '80px auto 0', border: '3px solid #a94442',
    boxShadow: '0 4px 16px rgba(0, 0, 0, 0.45)', fontSize: '14px'
  });
  const overlay = element('div', null, box);
  overlay.id = WARNING_ID;
  overlay.setAttribute('role', 'alertdialog');
  overlay.setAttribute('aria-modal', 'true');
  overlay.setAttribute('aria-labelledby', title.id);
  Object.assign(overlay.style, {
    position: 'fixed', inset: '0', zIndex: 2000, background: 'rgba(0, 0, 0, 0.45)', overflowY: 'auto'
  });
  back.addEventListener('click', () => {
    closeWarning();
    const ipp = fieldOf(container, IPP_FIELD);
    if (ipp) {
      ipp.focus();
    }
  });
  confirm.addEventListener('click', () => {
    confirmed.set(container, signature);
    closeWarning();
    start(button);
  });
  overlay.addEventListener('keydown', event => {
    if (event.key === 'Escape') {
      // Back to the form, not out of Tasklist's start dialog.
      event.stopPropagation();
      back.click();
    }
  });
  // Inside Tasklist's dialog (its keyboard and focus stay there), over all of it.
  (button.closest('.modal') || document.body).append(overlay);
  back.focus();
}

// Caught on the way down (capture), before Tasklist's own handler of the Start button.
document.addEventListener('click', event => {
  const button = event.target instanceof Element && event.target.closest(START_BUTTON);
  if (!button || button === passing) {
    return;
  }
  const container = referralStartForm(button);
  if (!container) {
    return;
  }
  const patient = typedPatient(container);
  const signature = JSON.stringify(patient);
  if ((!patient.ipp && !patient.name) || confirmed.get(container) === signature) {
    return;
  }
  event.preventDefault();
  event.stopImmediatePropagation();
  if (checking) {
    return;
  }
  checking = true;
  warningsFor(patient)
    .then(warnings => {
      if (warnings.length) {
        showWarnings(button, container, signature, warnings);
      } else {
        confirmed.set(container, signature);
        start(button);
      }
    }, () => showWarnings(button, container, signature, [{
      code: 'CHECK_FAILED',
      message: 'La recherche d\u2019un patient déjà connu n\u2019a pas pu être faite.'
    }]))
    .finally(() => {
      checking = false;
    });
}, true);

// Plugins ///////////////////////////////////////////////////////////////////////////////////////////

export default [
  {
    id: 'sarcoma-patient-search',
    pluginPoint: 'tasklist.navbar.action',
    // Before "Démarrer un processus" (100).
    priority: 200,
    render: node => renderSearchEntry(node)
  }
];
