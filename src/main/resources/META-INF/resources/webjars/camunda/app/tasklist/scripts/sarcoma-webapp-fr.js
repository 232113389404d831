/*
 * Sarcoma MDT: the few English texts Tasklist builds into its templates instead of reading them
 * from its locale files (locales/fr.json), in French for a French browser: so far the tooltips of
 * the diagram's zoom buttons (the BPMN viewer widget of camunda-commons-ui, in
 * camunda-tasklist-bootstrap.js: title="zoom in", "zoom out", "reset zoom").
 *
 * Same test of the language as config.js: the first preferred language of the browser. An English
 * browser keeps Tasklist's English throughout. Loaded through customScripts in config.js; nothing
 * exported to Tasklist.
 */

const LANGUAGE = (Array.isArray(navigator.languages) && navigator.languages.length
  ? navigator.languages[0] : navigator.language || '') + '';

// English tooltip -> French, whole.
const TITLES = {
  'zoom in': 'Zoom avant',
  'zoom out': 'Zoom arrière',
  'reset zoom': 'Réinitialiser le zoom'
};

const SELECTOR = Object.keys(TITLES).map(title => '[title="' + title + '"]').join(', ');

function translate(root) {
  if (!(root instanceof Element)) {
    return;
  }
  const elements = root.matches(SELECTOR) ? [root] : root.querySelectorAll(SELECTOR);
  elements.forEach(element => element.setAttribute('title', TITLES[element.getAttribute('title')]));
}

if (LANGUAGE.split('-')[0].toLowerCase() === 'fr') {
  new MutationObserver(mutations => mutations.forEach(mutation => translate(mutation.target)))
    .observe(document.documentElement, {
      childList: true, subtree: true, attributes: true, attributeFilter: ['title']
    });
  translate(document.body);
}
