// UI test of the Nesting Map: real clicks in a real VS Code (code-server + Chromium) with the built VSIX installed,
// against the real Docker daemon. Three levels (L1 ⊃ L2 ⊃ L3) and a container at L2 are made with the CLI; the map
// must draw them nested; a click on L2's "+ Nest" button must make a new box appear inside L2. Screenshots in the dark
// and the light theme go to test-results/ui-map/ and, for the README, media/readme/nesting-map-{dark,light}.png.
import { execFileSync } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cs from '../../../scripts/vscode/code-server-env.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const VSIX = process.env.NESTED_DOCKER_VSIX || path.join(ROOT, 'nested-docker-sessions.vsix');
const SHOTS = path.join(ROOT, 'test-results', 'ui-map');
const README_PICTURES = path.join(ROOT, 'media', 'readme');
const WORKSPACE = path.join(ROOT, 'test', 'vscode', 'workspace');
const CLI = path.join(ROOT, 'bin', 'nested-docker.js');
const RUN = `m${Date.now().toString(36).slice(-5)}`;

const nd = (...args) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const levels = () => JSON.parse(nd('ls', '--json'));
const step = (msg) => console.log(`ui-map: ${msg}`);

/** The map's content: VS Code puts a webview in an iframe that holds the page in another. */
function mapFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** The box of a level, by its id in the title ("L2 · id"). */
function box(frame, id) {
  return frame.locator('section.box').filter({ has: frame.locator(':scope > .head .title', { hasText: new RegExp(`· ${id}$`) }) }).first();
}

async function shoot(page, name, readmeName) {
  await new Promise((r) => setTimeout(r, 800));
  const file = path.join(SHOTS, `${name}.png`);
  await cs.screenshot(page, file);
  if (readmeName) fs.copyFileSync(file, path.join(README_PICTURES, readmeName));
}

async function main() {
  assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run \`npm run package\` first`);
  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  const [a, b, c] = ['a', 'b', 'c'].map((x) => `${RUN}${x}`);
  let server;
  try {
    step('nest L1 ⊃ L2 ⊃ L3 and start a container at L2 (CLI)');
    nd('nest', '--id', a, '--quiet');
    nd('nest', '--parent', a, '--id', b, '--quiet');
    nd('nest', '--parent', b, '--id', c, '--quiet');
    const image = levels().find((l) => l.id === b).image;
    nd('exec', b, '--', 'docker', 'run', '-d', '--name', 'web', '--entrypoint', 'sleep', image, '3600');

    server = await cs.startCodeServer({
      vsix: VSIX,
      settings: {
        'dind.levels.confirmPrivileged': false, 'workbench.colorTheme': 'Default Dark Modern',
        'workbench.preferredLightColorTheme': 'Default Light Modern', 'git.openRepositoryInParentFolders': 'never',
      },
    });
    const { page } = await cs.openWorkbench(server, { folder: WORKSPACE, timeout: 120_000 });
    step('open the Levels view, then the Nesting Map from its title bar');
    await cs.clickActivityBar(page, 'Nested Docker', { timeout: 90_000 });
    await cs.treeRow(page, 'Host', { timeout: 90_000 });
    await page.locator('.part.sidebar .title-actions .action-label[aria-label="Open Nesting Map"], .part.sidebar .actions-container .action-label[aria-label="Open Nesting Map"]').first().click();
    const frame = mapFrame(page);

    step('see L1 ⊃ L2 ⊃ L3 nested, and the container at L2 as a chip');
    await box(frame, c).waitFor({ state: 'visible', timeout: 60_000 });
    const inL1 = box(frame, a).locator(':scope > .children > section.box');
    assert.ok(await inL1.filter({ has: frame.locator(':scope > .head .title', { hasText: `· ${b}` }) }).count() === 1, 'L2 is inside L1');
    const l2 = box(frame, b);
    assert.equal(await l2.locator(':scope > .children > section.box .title', { hasText: `· ${c}` }).count(), 1, 'L3 is inside L2');
    await l2.locator(':scope > .chips .chip', { hasText: 'web' }).waitFor({ state: 'visible', timeout: 30_000 });
    // The figures arrive from the per-level stats streams within a few seconds.
    await l2.locator(':scope > .usage').waitFor({ state: 'visible', timeout: 30_000 });
    await l2.click({ position: { x: 20, y: 10 } });
    await shoot(page, '01-map-dark', 'nesting-map-dark.png');

    step('keyboard: ArrowLeft from L2 selects L1, Enter moves focus to the details');
    await page.keyboard.press('ArrowLeft');
    await frame.locator('section.box.selected > .head .title', { hasText: `· ${a}` }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('ArrowRight');
    await frame.locator('section.box.selected > .head .title', { hasText: `· ${b}` }).waitFor({ timeout: 10_000 });
    const details = await frame.locator('#details').innerText();
    assert.match(details, /DOCKER_HOST/);
    assert.match(details, new RegExp(`nested-docker-${b}-data`));

    step('click "+ Nest" on L2\'s box and watch the new box appear inside L2');
    const before = new Set(levels().map((l) => l.id));
    await l2.locator(':scope > .actions button[data-action="nest"]').click();
    const deadline = Date.now() + 240_000;
    let made;
    while (!made) {
      made = levels().find((l) => !before.has(l.id) && l.parentId === b && l.state === 'ready');
      if (!made && Date.now() > deadline) throw new Error('Nest One Level from the map made no level under L2');
      if (!made) await new Promise((r) => setTimeout(r, 1000));
    }
    await l2.locator(':scope > .children > section.box .title', { hasText: `· ${made.id}` }).waitFor({ state: 'visible', timeout: 60_000 });
    await shoot(page, '02-map-nested-from-box');

    step('light theme');
    await cs.runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await new Promise((r) => setTimeout(r, 1500));
    await shoot(page, '03-map-light', 'nesting-map-light.png');
    step(`passed; screenshots in ${path.relative(ROOT, SHOTS)}`);
  } catch (err) {
    step(`failed: ${err?.message}`);
    throw err;
  } finally {
    try {
      nd('collapse', a, '--purge', '--quiet');
    } catch {
      /* never made */
    }
    await server?.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`ui-map: FAILED: ${err?.stack || err}`);
    process.exit(1);
  },
);
