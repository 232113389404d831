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
 * through customScripts in config.js. Every text a clinician reads is French; the codes' labels
 * come with the file (messages_fr.properties, as in the letters and the agenda).
 */

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
    throw new Error('HTTP ' + response.status);
  }
  return response.json();
}

// Rendering ////////////////////////////////////////////////////////////////////////////////////

function label(file, list, code) {
  if (code === null || code === undefined || code === '') {
    return '';
  }
  return (file.labels && file.labels[list + '.' + code]) || String(code);
}

function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  children.flat().filter(child => child !== null && child !== undefined && child !== '').forEach(child =>
    node.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return node;
}

function age(patient) {
  return patient.age === null || patient.age === undefined ? '' : patient.age + ' ans';
}

function date(value) {
  if (!value) {
    return '';
  }
  // A day (2026-11-29) or an instant (2026-11-29T10:15:00Z).
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(value + 'T12:00:00') : new Date(value);
  return isNaN(parsed) ? String(value) : parsed.toLocaleDateString('fr-FR');
}

function dateTime(value) {
  const parsed = value ? new Date(value) : null;
  return parsed && !isNaN(parsed)
    ? parsed.toLocaleString('fr-FR', {dateStyle: 'short', timeStyle: 'short'}) : '';
}

function joined(...parts) {
  return parts.filter(Boolean).join(' · ');
}

function patientLine(file) {
  const patient = file.patient || {};
  return joined(patient.displayName, label(file, 'sex', patient.sex), age(patient),
    patient.identifier ? 'IPP ' + patient.identifier : '');
}

function referralLine(file) {
  return joined('Dossier ' + file.businessKey, label(file, 'urgency', file.urgency), label(file, 'site', file.site));
}

function renderCard(node, file) {
  const card = el('div', 'sarcoma-card',
    el('div', 'sarcoma-card-patient', el('strong', null, patientLine(file))),
    el('div', 'sarcoma-card-referral text-muted', referralLine(file)));
  // Two lines within the collapsed card's height.
  card.style.fontSize = '12px';
  card.style.lineHeight = '18px';
  node.replaceChildren(card);
}

function section(title, ...content) {
  return el('section', 'sarcoma-dossier-section', el('h4', null, title), ...content);
}

function facts(rows) {
  const list = el('dl', 'dl-horizontal');
  rows.filter(([, value]) => value !== '' && value !== null && value !== undefined).forEach(([term, value]) =>
    list.append(el('dt', null, term), el('dd', null, value)));
  return list;
}

function renderDossier(node, file) {
  const patient = file.patient || {};
  const content = el('div', 'sarcoma-dossier');
  content.append(
    section('Patient',
      facts([
        ['Nom', patient.displayName],
        ['Sexe', label(file, 'sex', patient.sex)],
        ['Naissance', joined(date(patient.birthDate), age(patient))],
        ['IPP', patient.identifier]
      ])),
    section('Demande',
      facts([
        ['N° de dossier', file.businessKey],
        ['Urgence', label(file, 'urgency', file.urgency)],
        ['Étape', label(file, 'stage', file.stage)],
        ['Médecin adresseur', file.referringPhysician],
        ['Site', label(file, 'site', file.site)],
        ['Localisation', file.anatomicalLocation],
        ['Circonstance', label(file, 'presentation', file.presentation)],
        ['Taille', file.largestDimensionCm === null || file.largestDimensionCm === undefined
          ? '' : String(file.largestDimensionCm).replace('.', ',') + ' cm'],
        ['Profondeur', label(file, 'depth', file.depth)],
        ['Geste antérieur', label(file, 'priorProcedure', file.priorProcedure)],
        ['Reçue le', dateTime(file.createdAt)]
      ])),
    section('Examens', exams(file)),
    section('Compte rendu de caractérisation', characterisations(file)),
    section('Décisions de RCP', decisions(file)),
    section('Voie d\u2019abord du chirurgien', approach(file)),
    section('Courriers', letters(file)),
    section('Jalons', milestones(file)));
  node.replaceChildren(content);
}

function none(text) {
  return el('p', 'text-muted', text);
}

function exams(file) {
  if (!file.exams || !file.exams.length) {
    return none('Aucun examen prescrit.');
  }
  return el('div', null, file.exams.map(exam => el('article', 'sarcoma-dossier-exam',
    el('h5', null, joined(label(file, 'modality', exam.modality), label(file, 'orderStatus', exam.status))),
    facts([
      ['Protocole', exam.protocol],
      ['Prescrit le', dateTime(exam.placedAt)],
      ['Programmé le', date(exam.scheduledFor)],
      ['Lieu', exam.scheduledPlace],
      ['Réalisé le', date(exam.performedOn)],
      ['Résultat reçu le', dateTime(exam.resultReceivedAt)],
      ['Conclusion', exam.conclusion]
    ]),
    exam.report ? el('blockquote', 'sarcoma-dossier-report', exam.report) : none('Pas encore de compte rendu.'))));
}

function number(value, unit) {
  return value === null || value === undefined ? '' : String(value).replace('.', ',') + ' ' + unit;
}

function characterisations(file) {
  if (!file.characterisationReports || !file.characterisationReports.length) {
    return none('Pas encore de compte rendu de caractérisation.');
  }
  return el('div', null, file.characterisationReports.map(report => el('article', 'sarcoma-dossier-characterisation',
    el('h5', null, joined(label(file, 'imagingConclusion', report.conclusion), dateTime(report.reportedAt),
      report.reportedBy)),
    facts([
      ['Taille', [number(report.sizeLongAxisCm, 'cm'), number(report.sizePerpendicularCm, 'cm'),
        number(report.sizeCraniocaudalCm, 'cm')].filter(Boolean).join(' × ')],
      ['Distance à l\u2019interligne articulaire', number(report.distanceToJointLineMm, 'mm')],
      ['Distance au cartilage de croissance', number(report.distanceToGrowthPlateMm, 'mm')],
      ['Rapports', report.relations],
      ['Signes d\u2019agressivité', (report.aggressiveSigns || []).map(code => label(file, 'aggressiveSign', code)).join(', ')],
      ['Matrice et caractéristiques tissulaires', report.tissueFeatures],
      ['Aspect de la lésion osseuse', label(file, 'lesionPattern', report.lesionPattern)],
      ['Métastase « skip »', label(file, 'skipMetastasis', report.skipMetastasis)],
      ['Type suspecté', label(file, 'suspectedType', report.suspectedType)],
      ['Hypothèses', report.hypotheses],
      ['Zone la plus représentative pour la biopsie', report.biopsyTargetZone],
      ['Discussion en RCP nécessaire', report.mdtNeeded ? 'Oui' : 'Non']
    ]))));
}

function decisions(file) {
  if (!file.mdtDecisions || !file.mdtDecisions.length) {
    return none('Aucune décision de RCP.');
  }
  return el('div', null, file.mdtDecisions.map(decision => el('article', 'sarcoma-dossier-decision',
    el('h5', null, joined(label(file, 'mdtOutcome', decision.outcome), 'version ' + decision.version,
      decision.current ? 'en vigueur' : 'remplacée')),
    facts([
      ['Décidée le', dateTime(decision.decidedAt)],
      ['Par', decision.decidedBy],
      ['Technique de biopsie', label(file, 'biopsyTechnique', decision.biopsyTechnique)],
      ['Zone cible', decision.biopsyTargetZone],
      ['Centre', decision.biopsyCentre],
      ['Argumentaire', decision.rationale],
      ['Participants', decision.attendees],
      ['Spécialités', (decision.specialties || []).map(code => label(file, 'specialty', code)).join(', ')],
      ['Motif de la correction', decision.correctionReason],
      ['Enregistrée le', decision.version > 1 ? joined(dateTime(decision.recordedAt), decision.recordedBy) : '']
    ]))));
}

function approach(file) {
  const agreed = file.approach;
  if (!agreed) {
    return none('Aucune voie d\u2019abord validée.');
  }
  return facts([
    ['Chirurgien', agreed.surgeonId],
    ['Voie d\u2019abord', agreed.approach],
    ['Technique', label(file, 'biopsyTechnique', agreed.technique)],
    ['Motif de l\u2019écart', agreed.deviationReason]
  ]);
}

function letters(file) {
  if (!file.letters || !file.letters.length) {
    return none('Aucun courrier.');
  }
  return el('ul', null, file.letters.map(letter => {
    const title = joined(label(file, 'letterKind', letter.kind), dateTime(letter.createdAt));
    if (!letter.downloadUrl) {
      return el('li', null, title + ' (PDF en préparation)');
    }
    const link = el('a', 'sarcoma-dossier-letter', title);
    // Opened in the browser's PDF viewer, in a new tab: the task stays where it is.
    link.href = letter.downloadUrl + (letter.downloadUrl.includes('?') ? '&' : '?') + 'inline=true';
    link.target = '_blank';
    link.rel = 'noopener';
    return el('li', null, link, letter.recipient ? ' \u2014 ' + letter.recipient : '');
  }));
}

function milestones(file) {
  if (!file.milestones || !file.milestones.length) {
    return none('Aucun jalon.');
  }
  return el('ul', null, file.milestones.map(milestone =>
    el('li', null, joined(dateTime(milestone.at), label(file, 'milestone', milestone.name)))));
}

function renderFailure(node, text) {
  node.replaceChildren(el('p', 'text-danger', text));
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
        .catch(() => renderFailure(node, 'Le dossier du patient n\u2019a pas pu être chargé.'));
    }
  }
];
