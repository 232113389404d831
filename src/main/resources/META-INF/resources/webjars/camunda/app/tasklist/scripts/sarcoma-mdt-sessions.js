/*
 * Sarcoma MDT: "Séances RCP" in Tasklist's navbar, to the MDT sessions page (/mdt/sessions, agenda/
 * SessionsPageController): the coming sessions of the sarcoma MDT and their agendas for the whole MDT team, and,
 * for coordinators, adding a one-off session, cancelling a session, moving a case. The page opens with the user's
 * Tasklist session (no second login: security/WebappSessionAuthenticationFilter).
 *
 * Plugin point 'tasklist.navbar.action' (Camunda 7 Tasklist: an item of the header's navbar, beside "Start process";
 * its <li> gets the plugin's id as class). Loaded through customScripts in config.js.
 */

const SESSIONS_PAGE = '/mdt/sessions';

export default [
  {
    id: 'sarcoma-mdt-sessions',
    pluginPoint: 'tasklist.navbar.action',
    // Before "Start process" (100): the navbar lists actions by descending priority.
    priority: 150,
    render: node => {
      const link = document.createElement('a');
      link.href = SESSIONS_PAGE;
      link.title = 'Séances de la RCP de recours sarcomes : calendrier, dossiers inscrits, ordres du jour';
      const icon = document.createElement('span');
      icon.className = 'glyphicon glyphicon-calendar';
      icon.setAttribute('aria-hidden', 'true');
      const text = document.createElement('span');
      text.textContent = 'Séances RCP';
      link.append(icon, ' ', text);
      node.replaceChildren(link);
    }
  }
];
