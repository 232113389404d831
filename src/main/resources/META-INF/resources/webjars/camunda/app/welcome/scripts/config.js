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
  // Sarcoma MDT: the app's name, which the page shows in its top bar and its window title
  // ("Camunda Welcome" otherwise): French for a French browser. Not in the locale files: the
  // webapp reads it from here only (configuration.getAppName()).
  app: FRENCH_BROWSER ? {name: 'Accueil'} : undefined,
  // customScripts: [
  //   // If you have a folder called 'my-custom-script' (in the 'welcome' folder)
  //   // with a file called 'customScript.js' in it
  //   // 'my-custom-script/customScript'
  // ],
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
  // links: [
  //   {
  //     label: 'Angular.js Docs',
  //     href: 'https://code.angularjs.org/1.2.16/docs',
  //     description: 'Almost interesting'
  //   },
  //   {
  //     label: 'XKCD',
  //     href: 'http://xkcd.org',
  //     description: 'Nerdy comic'
  //   },
  //   {
  //     label: 'Slashdot',
  //     href: 'https://slashdot.org',
  //     description: 'News for nerds, stuff that matter'
  //   }
  // ],
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false
};
