// The file page (templates/patients/file.html): the file it carries (the JSON block #sarcoma-file-data) drawn by
// the script of Tasklist's "Dossier" tab, from Tasklist's scripts folder (data-scripts). A file of its own, as the
// pages' Content Security Policy runs no inline script.
const node = document.getElementById('sarcoma-file');
const {renderDossier, renderFailure} = await import(node.dataset.scripts + 'sarcoma-file-view.js');
try {
  renderDossier(node, JSON.parse(document.getElementById('sarcoma-file-data').textContent));
} catch (e) {
  renderFailure(node, 'Le dossier du patient n\u2019a pas pu être affiché.');
  throw e;
}
