/*
 * Sarcoma MDT: the Camunda Forms in Tasklist speak French, check birth dates, and the start of a
 * referral shows its number.
 *
 * 1. form-js (the renderer Tasklist 7.24 embeds) has no locale: its validation messages, the
 *    "Select" placeholder of its selects, "Search" and "No results" are English strings built into
 *    it (camunda/lib/deps.js), and so are its tag list's (taglist, the MDT's participants) link to
 *    its search input ("Skip to search", read by screen readers and shown on keyboard focus) and
 *    the tooltip of each tag's remove button ("Remove tag"). Each is translated where it appears,
 *    by a MutationObserver, so that every form, start or task, gets them without changes to the
 *    forms. form-js (Preact) re-renders a text only when its English value changes, and the
 *    observer translates the new one. A tag's remove button is named after its tag ("Retirer
 *    Dr Sophie Lefèvre — chirurgien"), for screen readers too (aria-label), and renamed when
 *    form-js reuses the button for another tag.
 * 2. A pattern cannot say whether 31/02/1971 exists, nor whether a birth date (or the date an exam
 *    was performed) lies in the future.
 *    The fields listed in DATE_FIELDS are checked as typed; the French message goes where form-js
 *    puts its own errors (under the field), and the form's Start or Complete button does nothing
 *    while one is wrong. The server refuses such dates anyway (ReferralIntake.birthDate).
 * 3. After a start from Tasklist, the referral's number (the instance's business key, SARC-...)
 *    is shown in a confirmation (#sarcoma-start-confirmation, role="status") until closed:
 *    Tasklist's own notification says only that a process was started.
 *
 * Loaded through customScripts in config.js; no dependency, nothing exported to Tasklist.
 */

// --- 1. form-js's English texts ----------------------------------------------------------------

// What a pattern means, for the patterns of our forms: form-js would show the regular expression.
const PATTERN_MEANINGS = {
  '^(0[1-9]|[12][0-9]|3[01])/(0[1-9]|1[0-2])/(19|20)[0-9]{2}$': 'Date attendue au format jj/mm/aaaa.'
};

/** A number as a French reader writes it (decimal comma). */
const frenchNumber = value => String(value).replace('.', ',');

// Every message of form-js's validator (Validator.validateField and its number check), whole.
const MESSAGES = [
  [/^Field is required\.$/, () => 'Champ obligatoire.'],
  [/^Field must match pattern (.*)\.$/s,
    pattern => PATTERN_MEANINGS[pattern] || 'Valeur au format incorrect (voir l\'aide sous le champ).'],
  [/^Field must have minimum value of (.*)\.$/, min => 'La valeur doit être au moins ' + frenchNumber(min) + '.'],
  [/^Field must have maximum value of (.*)\.$/, max => 'La valeur doit être au plus ' + frenchNumber(max) + '.'],
  [/^Field must have minimum length of (\d+)\.$/, min => 'Au moins ' + min + ' caractères.'],
  [/^Field must have maximum length of (\d+)\.$/, max => 'Au plus ' + max + ' caractères.'],
  [/^Field must be a valid {1,2}international phone number\..*$/,
    () => 'Numéro de téléphone international attendu (par exemple +33383000000).'],
  [/^Field must be a valid email\.$/, () => 'Adresse e-mail non valide.'],
  [/^Value is not a number\.$/, () => 'Nombre attendu.'],
  [/^Value is expected to be an integer\.$/, () => 'Nombre entier attendu.'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/,
    digits => 'Au plus ' + digits + (digits === '1' ? ' décimale.' : ' décimales.')],
  [/^Please select a valid value, the two nearest valid values are (.*) and (.*)\.$/,
    (below, above) => 'Valeur non valide : les deux valeurs valides les plus proches sont '
      + frenchNumber(below) + ' et ' + frenchNumber(above) + '.'],
  // Of the date and time component (none in our forms so far): the value it holds is not a date.
  [/^Date must match pattern yyyy-MM-dd$/, () => 'Date non valide.'],
  [/^Date must match pattern yyyy-MM-ddTHH:mm:ss\.$/, () => 'Date et heure non valides.'],
  [/^Date and time must match pattern .*$/, () => 'Date et heure non valides.'],
  [/^Date and time must both be entered\.$/, () => 'Saisissez la date et l\'heure.'],
  [/^No results$/, () => 'Aucun résultat'],
  [/^All values selected$/, () => 'Toutes les valeurs sont sélectionnées'],
  // Of the tag list: the link (a.fjs-taglist-skip-link) from its tags to its search input.
  [/^Skip to search$/, () => 'Aller à la recherche']
];

// Placeholders: of a select with nothing chosen (its display is a div), and of search inputs.
const SELECT_PLACEHOLDER = ['Select', 'Sélectionner'];
const SEARCH_PLACEHOLDER = ['Search', 'Rechercher'];
// A tag list's remove button, one a tag: form-js titles each "Remove tag".
const REMOVE_TAG = 'Retirer';

/** The French of one of form-js's texts, or null when the text is not one of them. */
export function frenchOf(text) {
  const trimmed = text.trim();
  for (const [english, french] of MESSAGES) {
    const match = english.exec(trimmed);
    if (match) {
      return french(...match.slice(1));
    }
  }
  return null;
}

/** Translates the form-js texts inside root (an element of the page). */
function translate(root) {
  if (!(root instanceof Element) || !root.closest('body')) {
    return;
  }
  const containers = root.closest('.fjs-container') ? [root] : root.querySelectorAll('.fjs-container');
  containers.forEach(container => {
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const french = frenchOf(node.data);
      if (french !== null) {
        node.data = french;
      } else if (node.data === SELECT_PLACEHOLDER[0] && node.parentElement.closest('.fjs-select-display')) {
        node.data = SELECT_PLACEHOLDER[1];
      }
    }
    container.querySelectorAll('input[placeholder="' + SEARCH_PLACEHOLDER[0] + '"]')
      .forEach(input => input.setAttribute('placeholder', SEARCH_PLACEHOLDER[1]));
    nameRemoveButtons(container.closest('.fjs-taglist') || container);
  });
}

/**
 * Names each tag's remove button inside root after its tag: "Retirer <label>", as its tooltip and
 * for screen readers. form-js does not key its tags: removing one re-labels the tags after it in
 * place, and the observer (a label's text changed) names their buttons again. Attributes are
 * written only when they change, so that the observer's own writes settle.
 */
function nameRemoveButtons(root) {
  root.querySelectorAll('.fjs-taglist-tag-remove').forEach(button => {
    const label = button.closest('.fjs-taglist-tag')
      && button.closest('.fjs-taglist-tag').querySelector('.fjs-taglist-tag-label');
    const name = [REMOVE_TAG, label && label.textContent.trim()].filter(Boolean).join(' ');
    ['title', 'aria-label'].forEach(attribute => {
      if (button.getAttribute(attribute) !== name) {
        button.setAttribute(attribute, name);
      }
    });
  });
}

const observer = new MutationObserver(mutations => {
  // A form-js text changed in place (characterData) or a part of a form was (re)rendered.
  const roots = new Set(mutations.map(mutation =>
    mutation.type === 'characterData' ? mutation.target.parentElement : mutation.target));
  roots.forEach(translate);
});
observer.observe(document.documentElement, {
  childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['placeholder', 'title']
});
translate(document.body);

// --- 2. Dates checked in the browser -------------------------------------------------------------

// Fields (by component id in the .form file) holding a date typed jj/mm/aaaa: must exist; a birth
// date, or the date an exam was performed, must not lie in the future. The server checks them again
// (ReferralIntake, ScheduleExamListener, EnterExamReportListener).
const DATE_FIELDS = {
  Field_intakeBirthDate: {notInFuture: 'La date de naissance ne peut pas être dans le futur.'},
  Field_scheduledFor: {},
  Field_resultPerformedOn: {notInFuture: 'La date de réalisation de l\'examen ne peut pas être dans le futur.'}
};
const FRENCH_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const DATE_ERROR_CLASS = 'sarcoma-date-error';

/**
 * The French message for value typed in the date field rules, or null when it is acceptable here.
 * Only a value in the jj/mm/aaaa shape is checked: form-js's pattern speaks for the others.
 */
export function dateProblem(value, rules, today = new Date()) {
  const match = FRENCH_DATE.exec((value || '').trim());
  if (!match) {
    return null;
  }
  const [day, month, year] = match.slice(1).map(Number);
  const date = new Date(year, month - 1, day);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) {
    return 'Cette date n\'existe pas : le ' + match[0] + ' n\'est pas un jour du calendrier.';
  }
  const startOfToday = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  if (rules.notInFuture && date > startOfToday) {
    return rules.notInFuture;
  }
  return null;
}

/** The rules of a form-js input, if it is one of DATE_FIELDS (its DOM id ends with the component id). */
function rulesOf(input) {
  if (!(input instanceof HTMLInputElement) || !input.closest('.fjs-container')) {
    return null;
  }
  const componentId = Object.keys(DATE_FIELDS).find(id => input.id.endsWith('-' + id));
  return componentId ? DATE_FIELDS[componentId] : null;
}

/** Shows (or clears) the date problem of input under it, as form-js shows its errors; true if wrong. */
function checkDate(input) {
  const field = input.closest('.fjs-form-field');
  const problem = dateProblem(input.value, rulesOf(input));
  let error = field.querySelector('.' + DATE_ERROR_CLASS);
  if (!problem) {
    if (error) {
      error.remove();
      input.removeAttribute('aria-invalid');
    }
    return false;
  }
  if (!error) {
    // form-js's markup of an error: div.fjs-form-field-error > ul > li, read by screen readers.
    error = document.createElement('div');
    error.className = 'fjs-form-field-error ' + DATE_ERROR_CLASS;
    error.id = input.id + '-sarcoma-error';
    error.setAttribute('aria-live', 'polite');
    error.append(document.createElement('ul'));
    error.firstChild.append(document.createElement('li'));
    field.append(error);
  }
  error.firstChild.firstChild.textContent = problem;
  field.classList.add('fjs-has-errors'); // form-js's red border; it resets the class as it re-renders
  input.setAttribute('aria-invalid', 'true');
  return true;
}

// As typed: a message already shown follows the value; a new one waits for the field to be left,
// as form-js's own messages do.
document.addEventListener('input', event => {
  const input = event.target;
  if (rulesOf(input) && input.closest('.fjs-form-field').querySelector('.' + DATE_ERROR_CLASS)) {
    checkDate(input);
  }
}, true);
document.addEventListener('focusout', event => {
  if (rulesOf(event.target)) {
    checkDate(event.target);
  }
}, true);

// Tasklist's Start (start form) and Complete (task form) buttons: nothing is sent while a date is
// wrong. Caught on the way down (capture), before the button's own AngularJS handler.
const SUBMIT_BUTTONS = 'button[ng-click="startProcessInstance()"], button[ng-click="complete()"]';
document.addEventListener('click', event => {
  const button = event.target instanceof Element && event.target.closest(SUBMIT_BUTTONS);
  if (!button) {
    return;
  }
  const wrong = Array.from(document.querySelectorAll('.fjs-container input'))
    .filter(input => rulesOf(input))
    .filter(input => checkDate(input));
  if (wrong.length) {
    event.preventDefault();
    event.stopImmediatePropagation();
    wrong[0].scrollIntoView({block: 'center'});
    wrong[0].focus();
  }
}, true);

// --- 3. The referral number after a start --------------------------------------------------------

const CONFIRMATION_ID = 'sarcoma-start-confirmation';
const START_FORM = /\/process-definition\/(key\/)?[^/]+(\/tenant-id\/[^/]+)?\/submit-form$/;

const originalOpen = XMLHttpRequest.prototype.open;
const originalSend = XMLHttpRequest.prototype.send;
const starts = new WeakSet();

XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  if (String(method).toUpperCase() === 'POST' && START_FORM.test(pathOf(url))) {
    starts.add(this);
  } else {
    starts.delete(this);
  }
  return originalOpen.call(this, method, url, ...rest);
};

XMLHttpRequest.prototype.send = function (...args) {
  if (starts.has(this)) {
    this.addEventListener('load', () => {
      if (this.status >= 200 && this.status < 300) {
        const instance = parseJson(this.responseText);
        showStartConfirmation(instance && instance.businessKey);
      }
    });
  }
  return originalSend.apply(this, args);
};

/** Shows the number of the referral just started, at the top of the page, until closed. */
function showStartConfirmation(businessKey) {
  const previous = document.getElementById(CONFIRMATION_ID);
  if (previous) {
    previous.remove();
  }
  const confirmation = document.createElement('div');
  confirmation.id = CONFIRMATION_ID;
  confirmation.className = 'alert alert-success';
  confirmation.setAttribute('role', 'status');
  Object.assign(confirmation.style, {
    position: 'fixed', top: '60px', left: '50%', transform: 'translateX(-50%)', zIndex: 2000,
    minWidth: '420px', boxShadow: '0 2px 8px rgba(0, 0, 0, 0.3)'
  });
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.setAttribute('aria-label', 'Fermer');
  close.textContent = '×';
  close.addEventListener('click', () => confirmation.remove());
  const text = document.createElement('span');
  if (businessKey) {
    const number = document.createElement('strong');
    number.className = 'sarcoma-referral-number';
    number.textContent = businessKey;
    text.append('Demande enregistrée. Numéro de la demande : ', number, '.');
  } else {
    text.append('Demande enregistrée.');
  }
  confirmation.append(close, text);
  document.body.append(confirmation);
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
