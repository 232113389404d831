/*
 * Sarcoma MDT: the patient on every Tasklist card and a "Dossier" tab on every task.
 *
 * Identity stays out of the process: a task knows only its referral's id (the process variable
 * referralId). These two plugins read it through the engine REST API of the webapp, then the
 * patient's file from our API (GET /api/referrals/{id}/file, dossier/PatientFiles), at display
 * time, with the user's Tasklist session (no second login: security/WebappSessionAuthenticationFilter
 * accepts the webapp's session for reads). Only GET requests: no CSRF token is needed.
 *
 * Plugin points (Camunda 7 Tasklist): 'tasklist.card' (under each card of the list) and
 * 'tasklist.task.detail' (a tab beside the form); both get {taskId, api} from Tasklist. Loaded
 * through customScripts in config.js. The drawing is sarcoma-file-view.js's, shared with the file
 * page of the patient search.
 */

import {el, none, renderCard, renderDossier, renderFailure} from './sarcoma-file-view.js';

const FILE_API = referralId => '/api/referrals/' + encodeURIComponent(referralId) + '/file';
// Many cards of one referral share one read; a read is reused for a short while only, so that a
// file changed by another user shows up on the next refresh of the list.
const CACHE_MILLIS = 15000;
const files = new Map();

/**
 * The file of the task's referral, or null when the task has no referral (or it is unknown). The cards
 * share a recent read; the Dossier tab reads afresh (fresh = true), since the task just completed may
 * have changed the file (an exam booked, a report entered) and the clinician opens one tab at a time.
 */
async function fileOfTask(taskId, api, fresh = false) {
  const variable = await getJson(api.engineApi + '/task/' + encodeURIComponent(taskId) + '/variables/referralId');
  const referralId = variable && variable.value;
  if (!referralId) {
    return null;
  }
  const cached = files.get(referralId);
  if (!fresh && cached && Date.now() - cached.at < CACHE_MILLIS) {
    return cached.file;
  }
  const file = getJson(FILE_API(referralId));
  files.set(referralId, {at: Date.now(), file});
  return file;
}

async function getJson(url) {
  const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (response.status === 404) {
    return null;
  }
  if (!response.ok) {
    // A refusal of need-to-know (403) says why, in French (a problem detail naming no patient).
    const problem = response.status === 403 ? await response.json().catch(() => null) : null;
    const error = new Error('HTTP ' + response.status);
    error.detail = problem && typeof problem.detail === 'string' ? problem.detail.trim() : '';
    throw error;
  }
  return response.json();
}

// Plugins //////////////////////////////////////////////////////////////////////////////////////

export default [
  {
    id: 'sarcoma-card-patient',
    pluginPoint: 'tasklist.card',
    // Above the card's variables (200): the patient shows on the collapsed card (45 px high).
    priority: 300,
    render: (node, {taskId, api}) => {
      fileOfTask(taskId, api)
        .then(file => file && renderCard(node, file))
        .catch(() => renderFailure(node, 'Dossier du patient indisponible.'));
    }
  },
  {
    id: 'sarcoma-dossier',
    pluginPoint: 'tasklist.task.detail',
    // After the form (1000), before the history (800).
    priority: 900,
    label: 'Dossier',
    render: (node, {taskId, api}) => {
      node.replaceChildren(el('p', 'text-muted', 'Chargement du dossier\u2026'));
      fileOfTask(taskId, api, true)
        .then(file => file ? renderDossier(node, file) : node.replaceChildren(none('Cette tâche n\u2019est rattachée à aucun dossier.')))
        .catch(error => renderFailure(node, error.detail || 'Le dossier du patient n\u2019a pas pu être chargé.'));
    }
  }
];
