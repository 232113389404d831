/*
 * Sarcoma MDT: the patient above every task form in Tasklist, and what the task needs to act.
 *
 * Above the Camunda Form of the task on display (not a start form), a compact banner: the patient
 * (name, sex, age, IPP), the referral (number, urgency, site) and the lesion as referred (where, size,
 * depth); under it, in a section the clinician may fold, the part of the file the task acts on, chosen
 * by the task's definition key (NEEDS below): the initial imaging and its report for its classification,
 * the MRI for its report, the whole work-up for the MDT, the MDT's decision (target zone, centre) for the
 * surgeon's approach, the biopsy result for the pathologist, the order concerned for an order's task.
 *
 * The data are the patient's file, GET /api/referrals/{id}/file (dossier/PatientFiles: need-to-know
 * checked, the read recorded), read with the Tasklist session as the "Dossier" tab reads it; the task
 * (its definition key) and its referralId come from the webapp's engine API. A file that cannot be read
 * leaves a French message in the banner (a refusal's own reason, or "Dossier du patient indisponible.")
 * and the form as it is. The drawing of each exam, report and decision is sarcoma-file-view.js's.
 *
 * Tasklist has no plugin point above a form: the banner is put into the form tab's DOM, just before
 * form-js's container ([cam-tasklist-form-camunda], inside the form's directive, so that it goes
 * wherever the form goes), and a MutationObserver puts it back whenever Angular draws the form again
 * (another tab and back, another task). One banner at a time, bound to the task in the address
 * (#/?task=<id>); outside the form element, with no button: form-js's submission, sarcoma-refusal.js's
 * alert (in .form-actions) and sarcoma-forms-fr.js's translations (of form-js's texts) are untouched.
 *
 * Loaded through customScripts in config.js; nothing exported to Tasklist as a plugin.
 */

import {
  approach,
  characterisationArticle,
  date,
  decisionArticle,
  el,
  examArticle,
  facts,
  joined,
  label,
  mdtCase,
  none,
  patientLine,
  presentationLine,
  referralLine,
  section
} from './sarcoma-file-view.js';

const BANNER = 'sarcoma-form-context';
const UNAVAILABLE = 'Dossier du patient indisponible.';
const FILE_API = referralId => '/api/referrals/' + encodeURIComponent(referralId) + '/file';

// The first imaging of each route (ST1, B1): what Task_ClassifyInitialImaging classifies.
const INITIAL_IMAGING = ['ULTRASOUND', 'XRAY', 'XRAY_AND_CT'];

/** The exams of these modalities, oldest first (the file's order). */
const examsOf = (file, modalities) => (file.exams || []).filter(exam => modalities.includes(exam.modality));

/** The MDT decision that counts: the newest version of the newest round (the file lists them so). */
const decisionThatCounts = file => (file.mdtDecisions || []).find(decision => decision.current) || null;

/** The newest characterisation report (the file lists the newest first). */
const latestCharacterisation = file => (file.characterisationReports || [])[0] || null;

function examsOrNone(file, exams, text) {
  return exams.length ? el('div', null, exams.map(exam => examArticle(file, exam))) : none(text);
}

/** Each exam on one line with its conclusion; its report folded under it. */
function examLines(file, exams, text) {
  if (!exams.length) {
    return none(text);
  }
  return el('ul', 'sarcoma-form-context-exams', exams.map(exam => el('li', null,
    el('strong', null, label(file, 'modality', exam.modality)),
    ' \u2014 ',
    exam.conclusion
      ? joined(exam.performedOn ? 'réalisé le ' + date(exam.performedOn) : '', exam.conclusion)
      : label(file, 'orderStatus', exam.status),
    exam.report ? el('details', null, el('summary', null, 'Compte rendu'),
      el('blockquote', 'sarcoma-dossier-report', exam.report)) : null)));
}

function characterisationOrNone(file) {
  const reports = file.characterisationReports || [];
  return reports.length
    ? el('div', null, reports.map(report => characterisationArticle(file, report)))
    : none('Pas encore de compte rendu de caractérisation.');
}

function decisionOrNone(file) {
  const decision = decisionThatCounts(file);
  return decision ? decisionArticle(file, decision) : none('Aucune décision de RCP.');
}

function mdtWorkUp(title) {
  return file => ({
    title,
    content: [
      section('Séance RCP', mdtCase(file)),
      section('Examens', examLines(file, file.exams || [], 'Aucun examen prescrit.')),
      section('Compte rendu de caractérisation', characterisationOrNone(file)),
      section('Décisions de RCP précédentes', (file.mdtDecisions || []).length
        ? el('div', null, file.mdtDecisions.map(decision => decisionArticle(file, decision)))
        : none('Aucune décision de RCP antérieure.'))
    ]
  });
}

/** An order's task: the order it is about (the file names it for each open task), else every order. */
function orderConcerned(file, taskId) {
  const task = (file.openTasks || []).find(open => open.id === taskId);
  const exam = task && task.orderId && (file.exams || []).find(candidate => candidate.orderId === task.orderId);
  return exam
    ? {title: 'Examen concerné : ' + label(file, 'modality', exam.modality), content: [examArticle(file, exam)]}
    : {title: 'Examens prescrits', content: [examsOrNone(file, file.exams || [], 'Aucun examen prescrit.')]};
}

/** What each task needs to act, by its definition key (docs/pathway-contract.md); others: the banner only. */
const NEEDS = {
  Task_ClassifyInitialImaging: file => ({
    title: 'Imagerie initiale à classer',
    content: [examsOrNone(file, examsOf(file, INITIAL_IMAGING), 'Aucun examen d\u2019imagerie initiale au dossier.')]
  }),
  Task_ReportCharacterisation: file => ({
    title: 'IRM à interpréter',
    content: [
      examsOrNone(file, examsOf(file, ['MRI']), 'Aucune IRM au dossier.'),
      section('Imagerie antérieure', examLines(file,
        (file.exams || []).filter(exam => exam.modality !== 'MRI' && exam.modality !== 'BIOPSY' && exam.conclusion),
        'Aucune autre imagerie interprétée.')),
      (file.characterisationReports || []).length
        ? section('Caractérisation précédente', characterisationArticle(file, latestCharacterisation(file)))
        : null
    ]
  }),
  Task_PrepareMdtCase: mdtWorkUp('Dossier à présenter en RCP'),
  Task_RecordMdtDecision: mdtWorkUp('Dossier discuté en RCP'),
  Task_AgreeBiopsyApproach: file => {
    const report = latestCharacterisation(file);
    return {
      title: 'Décision de RCP : biopsie',
      content: [
        decisionOrNone(file),
        section('Zone cible au compte rendu de caractérisation', report
          ? facts([
            ['Zone la plus représentative pour la biopsie', report.biopsyTargetZone],
            ['Conclusion', label(file, 'imagingConclusion', report.conclusion)],
            ['Hypothèses', report.hypotheses]
          ])
          : none('Pas encore de compte rendu de caractérisation.'))
      ]
    };
  },
  Task_ReviewBiopsyResult: file => ({
    title: 'Résultat de la biopsie',
    content: [
      examsOrNone(file, examsOf(file, ['BIOPSY']).slice().reverse(), 'Aucune biopsie au dossier.'),
      section('Décision de RCP', decisionOrNone(file)),
      section('Voie d\u2019abord du chirurgien', approach(file))
    ]
  }),
  Task_ScheduleExam: orderConcerned,
  Task_EnterExamReport: orderConcerned,
  Task_HandleOverdueExam: orderConcerned,
  Task_HandleRejectedOrder: orderConcerned,
  Task_ReviewRefusedBiopsyOrder: orderConcerned
};

// Reading ////////////////////////////////////////////////////////////////////////////////////////

/** A read refused or failed: its French message. */
class Unreadable extends Error {}

/** The webapp's engine API (<base engine-api>, the engine in Tasklist's address), as the plugins get it. */
function engineApi() {
  const base = document.querySelector('base[engine-api]');
  const root = (base && base.getAttribute('engine-api')) || '/camunda/api/engine/';
  const engine = (/\/app\/tasklist\/([^/]+)/.exec(window.location.pathname) || [])[1] || 'default';
  return root.replace(/\/?$/, '/') + 'engine/' + encodeURIComponent(engine);
}

/** The JSON answer; null for a 404; a refusal (403) gives its French reason, anything else the generic one. */
async function getJson(url) {
  let response;
  try {
    response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  } catch (networkError) {
    throw new Unreadable(UNAVAILABLE);
  }
  if (response.status === 404) {
    return null;
  }
  if (!response.ok) {
    let detail = '';
    if (response.status === 403) {
      try {
        const problem = await response.json();
        detail = problem && typeof problem.detail === 'string' ? problem.detail.trim() : '';
      } catch (notJson) {
        // No reason given: the generic message.
      }
    }
    throw new Unreadable(detail || UNAVAILABLE);
  }
  return response.json();
}

/** The task, and its referral's file (null for a task that belongs to no referral). */
async function taskAndFile(taskId) {
  const api = engineApi() + '/task/' + encodeURIComponent(taskId);
  const task = await getJson(api);
  if (!task) {
    return {task: null, file: null};
  }
  // The id alone: not a read of the patient's file (audit/EngineReadAudit), which our API records.
  const variable = await getJson(api + '/variables/referralId');
  const referralId = variable && variable.value;
  return {task, file: referralId ? await getJson(FILE_API(referralId)) : null};
}

// Drawing ////////////////////////////////////////////////////////////////////////////////////////

function banner(taskId) {
  const node = el('section', BANNER, el('p', 'text-muted sarcoma-form-context-loading', 'Chargement du dossier du patient\u2026'));
  node.dataset.taskId = taskId;
  node.setAttribute('aria-label', 'Patient et éléments utiles à la tâche');
  taskAndFile(taskId)
    .then(({task, file}) => {
      if (!file) {
        node.replaceChildren(none('Cette tâche n\u2019est rattachée à aucun dossier.'));
        return;
      }
      draw(node, file, task, taskId);
    })
    .catch(error => node.replaceChildren(el('p', 'text-danger sarcoma-form-context-error',
      error instanceof Unreadable ? error.message : UNAVAILABLE)));
  return node;
}

function draw(node, file, task, taskId) {
  const patient = el('div', 'sarcoma-form-context-patient',
    el('strong', 'sarcoma-form-context-identity', patientLine(file)),
    el('div', null, joined(referralLine(file), presentationLine(file))));
  const need = NEEDS[task.taskDefinitionKey];
  if (!need) {
    node.replaceChildren(patient);
    return;
  }
  const {title, content} = need(file, taskId);
  node.replaceChildren(patient, el('details', 'sarcoma-form-context-needs',
    el('summary', null, title),
    el('div', 'sarcoma-form-context-body', content)));
  node.querySelector('details').open = true;
}

const STYLE = `
.${BANNER} { margin: 0 0 15px; padding: 8px 12px; border: 1px solid #d5d9de; border-left: 4px solid #b5152b;
  border-radius: 3px; background: #f7f8fa; font-size: 13px; line-height: 1.45; }
.${BANNER} .sarcoma-form-context-identity { font-size: 14px; }
.${BANNER} p { margin: 0; }
.${BANNER} details > summary { display: list-item; cursor: pointer; font-weight: 600; }
.${BANNER} .sarcoma-form-context-needs { margin-top: 6px; }
.${BANNER} .sarcoma-form-context-body { max-height: 40vh; overflow-y: auto; margin-top: 4px; padding-right: 6px; }
.${BANNER} h4 { font-size: 13px; font-weight: 600; margin: 8px 0 2px; }
.${BANNER} h5 { font-size: 13px; font-weight: 600; margin: 6px 0 2px; }
.${BANNER} dl { margin-bottom: 4px; }
.${BANNER} .dl-horizontal dt { width: 15em; white-space: normal; text-align: left; }
.${BANNER} .dl-horizontal dd { margin-left: 16em; }
.${BANNER} blockquote { font-size: 13px; padding: 4px 10px; margin: 2px 0 6px; white-space: pre-wrap;
  max-height: 12em; overflow-y: auto; }
.${BANNER} ul.sarcoma-form-context-exams { padding-left: 18px; margin-bottom: 4px; }
`;

// Placing ////////////////////////////////////////////////////////////////////////////////////////

// The banner of the task on display, drawn once per task and put back as Angular redraws the form.
let current = null;

function openTaskId() {
  const query = window.location.hash.split('?')[1] || '';
  return new URLSearchParams(query).get('task');
}

function place() {
  const container = document.querySelector('.task-details [cam-tasklist-form-camunda]');
  const taskId = openTaskId();
  if (container && taskId) {
    if (!current || current.dataset.taskId !== taskId) {
      current = banner(taskId);
    }
    if (container.previousElementSibling !== current) {
      container.parentNode.insertBefore(current, container);
    }
  }
  // Never two, never another task's.
  document.querySelectorAll('.' + BANNER).forEach(other => {
    if (other !== current || !container || !taskId) {
      other.remove();
    }
  });
}

let scheduled = false;

function schedule() {
  if (!scheduled) {
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      place();
    }, 0);
  }
}

function start() {
  if (!document.getElementById(BANNER + '-style')) {
    const style = el('style', null, STYLE);
    style.id = BANNER + '-style';
    document.head.append(style);
  }
  new MutationObserver(schedule).observe(document.body, {childList: true, subtree: true});
  window.addEventListener('hashchange', schedule);
  schedule();
}

if (document.body) {
  start();
} else {
  document.addEventListener('DOMContentLoaded', start);
}
