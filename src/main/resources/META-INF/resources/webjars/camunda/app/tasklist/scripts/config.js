/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

// Same test as the webapp's own choice of language: the first preferred language of the browser.
const BROWSER_LANGUAGE = (Array.isArray(navigator.languages) && navigator.languages.length
  ? navigator.languages[0] : navigator.language || '') + '';
const FRENCH_BROWSER = BROWSER_LANGUAGE.split('-')[0].toLowerCase() === 'fr';

export default {
  // change the app name and vendor
  // app: {
  //   name: 'Todos',
  //   vendor: 'Company'
  // },
  //
  // configure the date format
  // "dateFormat": {
  //   "normal": "LLL",
  //   "long":   "LLLL"
  // },
  //
  // Sarcoma MDT: French for browsers whose first preferred language is French (locales/fr.json),
  // English otherwise (Camunda 7.24 only ships en and de; its default is ['en'], fallback 'en').
  // For a French browser the fallback is French as well: the webapp loads the preferred and the
  // fallback locale files and sets moment.js's global locale from whichever arrives last, so with
  // 'en' as fallback relative dates ("Due in 3 days") came out in English at random. fr.json has
  // every key of en.json, so nothing needs the English fallback.
  locales: {
    availableLocales: ['en', 'fr'],
    fallbackLocale: FRENCH_BROWSER ? 'fr' : 'en'
  },
  // Paths relative to app/tasklist/, without '.js'.
  customScripts: [
    // Sarcoma MDT: a refused completion (e.g. M2, no quorum) is shown in French next to the
    // form's complete button, instead of Tasklist's notification over the form's buttons.
    'scripts/sarcoma-refusal',
    // Sarcoma MDT: the patient on each card and a "Dossier" tab on each task, read from our API
    // at display time (identity stays out of the process).
    'scripts/sarcoma-dossier',
    // Sarcoma MDT: above every task form, the patient (name, sex, age, IPP, referral number, urgency,
    // site, size, depth) and what the task needs to act (the exam to classify, the MDT's decision, the
    // biopsy result...), read from the same API.
    'scripts/sarcoma-form-context',
    // Sarcoma MDT: form-js's messages and placeholders in French, impossible or future birth dates
    // caught before submit, and the referral number shown after a start.
    'scripts/sarcoma-forms-fr',
    // Sarcoma MDT: Tasklist's few texts built into its templates (the diagram's zoom tooltips) in
    // French for a French browser.
    'scripts/sarcoma-webapp-fr',
    // Sarcoma MDT: "Rechercher un patient" in the top bar (the search page, /patients), and the
    // warning of a patient already known (same IPP, or same name and birth date) before a start.
    'scripts/sarcoma-patients',
    // Sarcoma MDT: "Séances RCP" in the navbar, to the MDT sessions page (/mdt/sessions).
    'scripts/sarcoma-mdt-sessions'
  ],
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `scripts` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false,
  // assignProcessInstanceIdToTaskComment: true,

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
