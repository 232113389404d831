/*
 * Sarcoma MDT: how a patient's file is drawn, wherever a clinician reads it: on Tasklist's cards and in
 * its "Dossier" tab (sarcoma-dossier.js), and on the file page the patient search leads to
 * (/patients/referrals/{id}, templates/patients/file.html). One drawing, so that both show the same.
 *
 * Not a Tasklist plugin (not in config.js's customScripts): an ES module the others import. It takes the
 * JSON of GET /api/referrals/{id}/file (dossier/PatientFile); every text is French, the codes' labels
 * come with the file (messages_fr.properties, as in the letters and the agenda). The patient's lines and
 * each exam, report and decision are exported one by one too: the banner above a task's form
 * (sarcoma-form-context.js) draws the part of the file its task needs with them.
 */

// Tasklist's address, beside this script (app/tasklist/scripts/ → app/tasklist/default/): the links to
// the referral's open tasks.
const TASKLIST = new URL('../default/', import.meta.url).pathname;

export function label(file, list, code) {
  if (code === null || code === undefined || code === '') {
    return '';
  }
  return (file.labels && file.labels[list + '.' + code]) || String(code);
}

export function el(tag, className, ...children) {
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

export function date(value) {
  if (!value) {
    return '';
  }
  // A day (2026-11-29) or an instant (2026-11-29T10:15:00Z).
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(value + 'T12:00:00') : new Date(value);
  return isNaN(parsed) ? String(value) : parsed.toLocaleDateString('fr-FR');
}

export function dateTime(value) {
  const parsed = value ? new Date(value) : null;
  return parsed && !isNaN(parsed)
    ? parsed.toLocaleString('fr-FR', {dateStyle: 'short', timeStyle: 'short'}) : '';
}

export function joined(...parts) {
  return parts.filter(Boolean).join(' · ');
}

/** Name · sex · age · IPP. */
export function patientLine(file) {
  const patient = file.patient || {};
  return joined(patient.displayName, label(file, 'sex', patient.sex), age(patient),
    patient.identifier ? 'IPP ' + patient.identifier : '');
}

/** Referral number · urgency · site. */
export function referralLine(file) {
  return joined('Dossier ' + file.businessKey, label(file, 'urgency', file.urgency), label(file, 'site', file.site));
}

/** The lesion as the referral presents it: where, its size (cm) and its depth, as the file has them. */
export function presentationLine(file) {
  return joined(file.anatomicalLocation, size(file.largestDimensionCm), label(file, 'depth', file.depth));
}

function size(cm) {
  return cm === null || cm === undefined ? '' : String(cm).replace('.', ',') + ' cm';
}

export function renderCard(node, file) {
  const card = el('div', 'sarcoma-card',
    el('div', 'sarcoma-card-patient', el('strong', null, patientLine(file))),
    el('div', 'sarcoma-card-referral text-muted', referralLine(file)));
  // Two lines within the collapsed card's height.
  card.style.fontSize = '12px';
  card.style.lineHeight = '18px';
  node.replaceChildren(card);
}

export function section(title, ...content) {
  return el('section', 'sarcoma-dossier-section', el('h4', null, title), ...content);
}

export function facts(rows) {
  const list = el('dl', 'dl-horizontal');
  rows.filter(([, value]) => value !== '' && value !== null && value !== undefined).forEach(([term, value]) =>
    list.append(el('dt', null, term), el('dd', null, value)));
  return list;
}

export function renderDossier(node, file) {
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
        ['Taille', size(file.largestDimensionCm)],
        ['Profondeur', label(file, 'depth', file.depth)],
        ['Geste antérieur', label(file, 'priorProcedure', file.priorProcedure)],
        ['Reçue le', dateTime(file.createdAt)]
      ])),
    section('Tâches en cours', openTasks(file)),
    section('Examens', exams(file)),
    section('Compte rendu de caractérisation', characterisations(file)),
    section('Décisions de RCP', decisions(file)),
    section('Séance RCP', mdtCase(file)),
    section('Voie d\u2019abord du chirurgien', approach(file)),
    section('Courriers', letters(file)),
    section('Jalons', milestones(file)));
  node.replaceChildren(content);
}

export function none(text) {
  return el('p', 'text-muted', text);
}

function exams(file) {
  if (!file.exams || !file.exams.length) {
    return none('Aucun examen prescrit.');
  }
  return el('div', null, file.exams.map(exam => examArticle(file, exam)));
}

/** One exam: what was ordered (protocol), when and where, and its result (conclusion, report) once in. */
export function examArticle(file, exam) {
  return el('article', 'sarcoma-dossier-exam',
    el('h5', null, joined(label(file, 'modality', exam.modality), label(file, 'orderStatus', exam.status))),
    facts([
      ['Protocole', exam.protocol],
      ['Prescrit le', dateTime(exam.placedAt)],
      ['Programmé le', date(exam.scheduledFor)],
      ['Lieu', exam.scheduledPlace],
      ['Réalisé le', date(exam.performedOn)],
      ['Résultat reçu le', dateTime(exam.resultReceivedAt)],
      ['Conclusion', exam.conclusion],
      ['Envoi', sending(exam)]
    ]),
    exam.report ? el('blockquote', 'sarcoma-dossier-report', exam.report) : none('Pas encore de compte rendu.'));
}

/**
 * How the sending to the order system went, once it needed more than one attempt or failed: "3 tentatives,
 * dernière erreur : …" (the receiver down, too slow or refusing), so that a coordinator sees an order that is
 * not leaving while the job retries. Nothing for an order sent at the first attempt, or handled by hand.
 */
export function sending(exam) {
  const attempts = exam.sendAttempts || 0;
  if (attempts <= 1 && !exam.lastSendError) {
    return '';
  }
  const count = attempts + (attempts > 1 ? ' tentatives' : ' tentative');
  return exam.lastSendError ? count + ', dernière erreur : ' + exam.lastSendError : count;
}

export function number(value, unit) {
  return value === null || value === undefined ? '' : String(value).replace('.', ',') + ' ' + unit;
}

function characterisations(file) {
  if (!file.characterisationReports || !file.characterisationReports.length) {
    return none('Pas encore de compte rendu de caractérisation.');
  }
  return el('div', null, file.characterisationReports.map(report => characterisationArticle(file, report)));
}

/** The radiologist's structured characterisation report (S4), with the zone proposed for the biopsy. */
export function characterisationArticle(file, report) {
  return el('article', 'sarcoma-dossier-characterisation',
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
    ]));
}

function decisions(file) {
  if (!file.mdtDecisions || !file.mdtDecisions.length) {
    return none('Aucune décision de RCP.');
  }
  return el('div', null, file.mdtDecisions.map(decision => decisionArticle(file, decision)));
}

/**
 * One version of an MDT decision (M3, M4) with its fiche RCP: outcome, biopsy technique, target zone and centre,
 * rationale, the participants by name and specialty, the guideline and conformity, the trial, who informs the
 * patient and the chair who validated it. A decision recorded before the fiche lists its specialties instead.
 */
export function decisionArticle(file, decision) {
  const sheet = decision.sheet || {};
  const recorded = !!sheet.chairName;
  const yesNo = value => value === true ? 'oui' : value === false ? 'non' : '';
  return el('article', 'sarcoma-dossier-decision',
    el('h5', null, joined(label(file, 'mdtOutcome', decision.outcome), 'version ' + decision.version,
      decision.current ? 'en vigueur' : 'remplacée')),
    facts([
      ['Décidée le', dateTime(decision.decidedAt)],
      ['Par', recorded ? sheet.chairName : decision.decidedBy],
      ['Question posée', sheet.question],
      ['Technique de biopsie', label(file, 'biopsyTechnique', decision.biopsyTechnique)],
      ['Zone cible', decision.biopsyTargetZone],
      ['Centre', decision.biopsyCentre],
      ['Argumentaire', decision.rationale],
      ['Participants', decision.attendees],
      ['Spécialités', recorded ? ''
        : (decision.specialties || []).map(code => label(file, 'specialty', code)).join(', ')],
      ['Référentiel', sheet.guideline],
      ['Conforme au référentiel', yesNo(sheet.guidelineConform)],
      ['Motif de non-conformité', sheet.nonConformityReason],
      ['Essai clinique envisagé', joined(yesNo(sheet.clinicalTrialConsidered), sheet.clinicalTrialDetail)],
      ['Information du patient', sheet.patientInformedBy],
      ['Motif de la correction', decision.correctionReason],
      ['Enregistrée le', decision.version > 1 ? joined(dateTime(decision.recordedAt), decision.recordedBy) : '']
    ]));
}

/** The session the case is on, and the question put to the MDT. */
export function mdtCase(file) {
  const registered = file.mdtCase;
  if (!registered) {
    return none('Inscrit à aucune séance de RCP.');
  }
  return facts([
    ['Séance du', dateTime(registered.sessionStartsAt)],
    ['Question posée à la RCP', registered.question || 'pas encore posée']
  ]);
}

export function approach(file) {
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
    return el('li', null, link, letter.recipient ? ' \u2014 ' + letter.recipient : '',
      deliveries(file, letter));
  }));
}

/** How the letter reached each recipient: sent, on its way, refused or failed (with the relay's answer), to print. */
function deliveries(file, letter) {
  if (!letter.deliveries || !letter.deliveries.length) {
    return '';
  }
  return el('ul', 'sarcoma-dossier-deliveries', letter.deliveries.map(delivery =>
    el('li', null, joined(
      label(file, 'recipientRole', delivery.recipientRole) + ' (' + delivery.recipient + ')',
      label(file, 'deliveryStatus', delivery.status)
        + (delivery.reason ? ' : ' + delivery.reason : '')))));
}

function milestones(file) {
  if (!file.milestones || !file.milestones.length) {
    return none('Aucun jalon.');
  }
  return el('ul', null, file.milestones.map(milestone =>
    el('li', null, joined(dateTime(milestone.at), label(file, 'milestone', milestone.name)))));
}

/** The referral's open tasks, each a link to it in Tasklist (which applies the user's rights). */
function openTasks(file) {
  if (!file.openTasks || !file.openTasks.length) {
    return none('Aucune tâche en cours.');
  }
  return el('ul', 'sarcoma-dossier-tasks', file.openTasks.map(task => {
    const link = el('a', 'sarcoma-dossier-task', task.name || task.key);
    link.href = TASKLIST + '#/?task=' + encodeURIComponent(task.id);
    return el('li', null, link,
      task.assignee ? ' \u2014 prise en charge par ' + task.assignee : ' \u2014 non attribuée',
      task.due ? ', échéance le ' + dateTime(task.due) : '');
  }));
}

export function renderFailure(node, text) {
  node.replaceChildren(el('p', 'text-danger', text));
}
