// Draws every bpmn/*.bpmn as docs/bpmn/<name>.svg with bpmn-js (the viewer's saveSVG) in headless Chromium,
// so a newcomer sees the pathway without the Modeler. Run it after changing a model:
//
//   npm ci --prefix .ci/bpmn-svg && node .ci/bpmn-svg/render.mjs
//
// Each SVG records the SHA-256 of the model file's bytes it was drawn from (<metadata model-sha256="…">);
// BpmnSvgUpToDateTest fails in ./mvnw verify when a model changed and its picture did not.
// Nothing is fetched at run time: bpmn-js is loaded into a blank page from node_modules and every request
// the page would make is refused. The browser is Debian's Chromium (apt-get install chromium), driven by
// playwright-core (which downloads no browser of its own); CHROMIUM overrides its path.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const modelDir = path.join(root, 'bpmn');
const outDir = path.join(root, 'docs', 'bpmn');
const viewerScript = createRequire(import.meta.url).resolve('bpmn-js/dist/bpmn-viewer.production.min.js');

const REGENERATE = 'npm ci --prefix .ci/bpmn-svg && node .ci/bpmn-svg/render.mjs';

async function main() {
  const models = (await readdir(modelDir)).filter((name) => name.endsWith('.bpmn')).sort();
  if (models.length === 0) {
    throw new Error(`no .bpmn file in ${modelDir}`);
  }
  await mkdir(outDir, { recursive: true });

  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: install it (apt-get install chromium) or set CHROMIUM to its path`);
  }
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    // Offline by construction: the page is about:blank and may load nothing.
    await page.route('**/*', (route) => route.abort());
    await page.setContent('<!DOCTYPE html><html><body><div id="canvas" style="width:1600px;height:1000px"></div></body></html>');
    await page.addScriptTag({ path: viewerScript });

    for (const name of models) {
      const bytes = await readFile(path.join(modelDir, name));
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const svg = await page.evaluate(draw, bytes.toString('utf8'));
      const target = path.join(outDir, name.replace(/\.bpmn$/, '.svg'));
      await writeFile(target, stamp(stableMarkerIds(svg), `bpmn/${name}`, sha256));
      console.log(`${path.relative(root, target)} <- bpmn/${name} (sha256 ${sha256})`);
    }
  } finally {
    await browser.close();
  }

  // A model removed or renamed takes its picture with it.
  for (const name of await readdir(outDir)) {
    if (name.endsWith('.svg') && !models.includes(name.replace(/\.svg$/, '.bpmn'))) {
      await rm(path.join(outDir, name));
      console.log(`${path.relative(root, path.join(outDir, name))} removed: no bpmn/${name.replace(/\.svg$/, '.bpmn')}`);
    }
  }
}

/** Runs in the page: imports the model into a fresh viewer and returns its SVG. */
async function draw(xml) {
  const container = document.getElementById('canvas');
  container.replaceChildren();
  const viewer = new window.BpmnJS({ container });
  try {
    const { warnings } = await viewer.importXML(xml);
    if (warnings.length > 0) {
      throw new Error(`import warnings: ${warnings.map((w) => w.message).join('; ')}`);
    }
    const { svg } = await viewer.saveSVG();
    return svg;
  } finally {
    viewer.destroy();
  }
}

/**
 * bpmn-js names each arrowhead marker with a random id: number them in order of appearance instead, so drawing
 * an unchanged model again gives the same file (no noise in diffs).
 */
function stableMarkerIds(svg) {
  const numbers = new Map();
  return svg.replace(/\bmarker-[0-9a-z]{16,}\b/g, (id) => {
    if (!numbers.has(id)) {
      numbers.set(id, `marker-${numbers.size + 1}`);
    }
    return numbers.get(id);
  });
}

/**
 * Adds the model's hash (read by BpmnSvgUpToDateTest) and a white background (the README is also read in
 * dark mode, where black strokes on a transparent picture vanish) right after the <svg> start tag.
 */
function stamp(svg, modelPath, sha256) {
  const start = svg.match(/<svg\b[^>]*>/);
  const viewBox = start && start[0].match(/viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/);
  if (!viewBox) {
    throw new Error(`unexpected SVG from bpmn-js for ${modelPath}: no <svg viewBox>`);
  }
  const [, x, y, width, height] = viewBox;
  const insert =
    `<metadata model="${modelPath}" model-sha256="${sha256}" generator=".ci/bpmn-svg/render.mjs" regenerate="${REGENERATE.replace(/&/g, '&amp;')}"/>` +
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="#ffffff"/>`;
  const at = start.index + start[0].length;
  return svg.slice(0, at) + insert + svg.slice(at) + (svg.endsWith('\n') ? '' : '\n');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
