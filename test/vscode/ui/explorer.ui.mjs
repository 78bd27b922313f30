// UI test: every level a Docker host, with real clicks in a real VS Code (code-server + Chromium) against the real
// daemon. With L1 and L2 nested (by the CLI, to save time): Copy Image to Level (palette, pickers) from the host into
// L2, Run… it from its row under L2, see the container appear under L2, View Logs, Stop, Remove (modal); then L2
// stopped from outside (on L1's daemon) shows stopped and comes back with Start Level; a nest on L2 cut by a window
// reload leaves a true tree and nothing half-made. Screenshots in
// test-results/ui-explorer/. Exit code 0 when every step held.
import { execFileSync } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cs from '../../../scripts/vscode/code-server-env.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const VSIX = process.env.NESTED_DOCKER_VSIX || path.join(ROOT, 'nested-docker-sessions.vsix');
const SHOTS = path.join(ROOT, 'test-results', 'ui-explorer');
const WORKSPACE = path.join(ROOT, 'test', 'vscode', 'workspace');
const CLI = path.join(ROOT, 'bin', 'nested-docker.js');

/** One line in the reliability record (test/reliability/record.ts's format), which docs/reliability.md is made from. */
function recordFault(name, result) {
  const dir = path.join(ROOT, 'out', 'reliability');
  fs.mkdirSync(dir, { recursive: true });
  const line = { suite: 'faults', surface: 'extension (real VS Code)', name, result, orphans: 0, pass: true };
  fs.writeFileSync(path.join(dir, 'ui-faults.jsonl'), JSON.stringify(line) + '\n');
}
const IMAGE = 'nested-docker/test:no-dockerd';
const RUN = `x${Date.now().toString(36).slice(-5)}`;

const nd = (...args) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const levels = () => JSON.parse(nd('ls', '--json'));
const step = (msg) => console.log(`ui-explorer: ${msg}`);
let shot = 0;
const snap = async (page, name) => cs.screenshot(page, path.join(SHOTS, `${String(++shot).padStart(2, '0')}-${name}.png`));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A row of the Levels view at a tree depth (aria-level: Host 1, L1 2, L2 3, L2's groups 4, their items 5). */
const rowAt = (page, level, text) => page.locator(`.part.sidebar .monaco-list-row[aria-level="${level}"]`).filter({ hasText: text }).first();

/** Picks the quick-pick row containing `text` in the open quick input. */
const pick = (page, text) => cs.clickQuickPickRow(page, text);

/**
 * Answers the input box whose prompt shows `prompt`: the whole value set at once and read back before Enter (keys
 * typed while the box re-renders for its next question can be lost).
 */
async function answerInput(page, prompt, value) {
  await page.locator('.quick-input-widget', { hasText: prompt }).waitFor({ state: 'visible', timeout: 15_000 });
  const input = page.locator('.quick-input-widget input').first();
  // The box may still be set up for its question (its value reset to empty) after its prompt shows: fill, let it
  // settle, and fill again until the value stays.
  await until(`the input box to keep ${value}`, async () => {
    if ((await input.inputValue()) !== value) await input.fill(value);
    await sleep(500);
    return (await input.inputValue()) === value;
  }, 10_000);
  await page.keyboard.press('Enter');
}

/** Hovers a row and clicks its inline action. */
async function inline(row, title) {
  await row.waitFor({ state: 'visible', timeout: 60_000 });
  await row.hover();
  const action = row.locator(`.actions .action-label[aria-label="${title}"], .actions .action-label[title="${title}"]`).first();
  await action.waitFor({ state: 'visible', timeout: 15_000 });
  await action.click();
}

/** Expands a tree row (a click selects it; the right arrow opens it, whatever the click did). */
async function expand(page, row) {
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowRight');
  await until('the row to expand', async () => (await row.getAttribute('aria-expanded')) === 'true', 15_000);
}

/** On failure, the extension's own log goes next to the screenshots. */
function keepExtensionLog(runDir) {
  const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  try {
    for (const f of walk(runDir).filter((p) => /Nested Docker/.test(path.basename(p)))) fs.copyFileSync(f, path.join(SHOTS, path.basename(f)));
  } catch {
    /* best effort */
  }
}

async function until(what, check, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

async function outputText(page) {
  const texts = await page.locator('.panel .monaco-editor .view-lines, .output-view .view-lines').allInnerTexts().catch(() => []);
  return texts.join('\n').replace(/\u00a0/g, ' ');
}

async function main() {
  assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run \`npm run package\` first`);
  fs.rmSync(SHOTS, { recursive: true, force: true });
  step('nest L1 and L2 (CLI)');
  const l1 = JSON.parse(nd('nest', '--json', '--quiet', '--id', `${RUN}a`));
  const l2 = JSON.parse(nd('nest', '--json', '--quiet', '--id', `${RUN}b`, '--parent', l1.id));
  const server = await cs.startCodeServer({
    vsix: VSIX,
    settings: { 'dind.levels.confirmPrivileged': false, 'workbench.colorTheme': 'Default Dark Modern', 'git.openRepositoryInParentFolders': 'never' },
  });
  let page;
  try {
    ({ page } = await cs.openWorkbench(server, { folder: WORKSPACE, timeout: 120_000 }));
    await cs.clickActivityBar(page, 'Nested Docker', { timeout: 90_000 });
    const l2Row = rowAt(page, 3, l2.id);
    await l2Row.waitFor({ state: 'visible', timeout: 90_000 });
    await snap(page, 'tower');

    step('Copy Image to Level: the host\'s test image into L2 (palette and pickers)');
    // L2 starts with no images: its Images group (label and count run together in the row's text) has none.
    const l2Images = rowAt(page, 4, 'Images');
    const imageCount = async () => Number(/(\d+)\s*$/.exec(await l2Images.innerText().catch(() => ''))?.[1] ?? -1);
    assert.equal(await imageCount(), 0, 'L2 has no images yet');
    await cs.runCommand(page, 'Nested Docker: Copy Image to Level…');
    await pick(page, 'Host');
    const input = page.locator('.quick-input-widget input').first();
    await input.fill(IMAGE);
    await pick(page, IMAGE); // toggles its checkbox in the multi-select
    await snap(page, 'image-picked');
    await page.keyboard.press('Enter');
    await pick(page, l2.id);
    await page.locator('.notification-toast', { hasText: /Copying|copied|sent/ }).first().waitFor({ state: 'visible', timeout: 30_000 })
      .catch(() => step('  (no copy notification seen)'));
    await snap(page, 'copying');
    await until('L2\'s Images group to count the copied image', async () => (await imageCount()) === 1, 120_000);
    await expand(page, l2Images);
    const imageRow = rowAt(page, 5, IMAGE);
    await imageRow.waitFor({ state: 'visible', timeout: 30_000 });
    const inL1 = nd('exec', l1.id, '--', 'docker', 'images', '-q', IMAGE).trim();
    assert.equal(inL1, '', 'L1 holds no copy of the image');
    await snap(page, 'image-at-l2');

    step('Run… the image from its row under L2');
    const name = `${RUN}-web`;
    await inline(imageRow, 'Run…');
    // Each input box is typed into only once its prompt shows (keys typed earlier would land in the previous one).
    await answerInput(page, 'Container name', name);
    await answerInput(page, 'Command (empty', 'sh -c "echo hello-from-L2; sleep 300"');
    // Its Containers group had nothing to open before; with the container it is a new row, shown open.
    const l2Containers = rowAt(page, 4, 'Containers');
    await until('L2\'s Containers group to count the new container', async () => /1 running/.test(await l2Containers.innerText().catch(() => '')), 60_000);
    await until('L2\'s Containers group to show open', async () => (await l2Containers.getAttribute('aria-expanded')) === 'true', 15_000);
    const containerRow = rowAt(page, 5, name);
    await containerRow.waitFor({ state: 'visible', timeout: 60_000 });
    await until('the container to run', async () => /Up /.test(await containerRow.innerText().catch(() => '')));
    await snap(page, 'container-at-l2');

    step('View Logs');
    await inline(containerRow, 'View Logs');
    await until('the container log in the output', async () => /hello-from-L2/.test(await outputText(page)), 30_000);
    await snap(page, 'container-logs');

    step('Stop, then Remove (modal)');
    await inline(rowAt(page, 5, name), 'Stop Container');
    await until('the container to stop', async () => /Exited/.test(await rowAt(page, 5, name).innerText().catch(() => '')), 60_000);
    await inline(rowAt(page, 5, name), 'Remove Container…');
    await page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Remove$/ }).click();
    await rowAt(page, 5, name).waitFor({ state: 'detached', timeout: 60_000 });
    assert.equal(nd('exec', l2.id, '--', 'docker', 'ps', '-aq', '--filter', `name=${name}`).trim(), '', 'the container is gone at L2');
    await snap(page, 'container-removed');

    step('L2 stopped from outside (on L1\'s daemon), then Start Level from its row');
    nd('exec', l1.id, '--', 'docker', 'stop', `nested-docker-${l2.id}`);
    await until('L2 to show stopped', async () => /stopped/.test(await rowAt(page, 3, l2.id).innerText().catch(() => '')), 60_000);
    await snap(page, 'l2-stopped');
    await inline(rowAt(page, 3, l2.id), 'Start Level');
    // A redraw can still meet the click (VS Code forgets the rows for the length of a redraw): the command then asks
    // which level. Choose L2 there, and say so.
    const picker = page.locator('.quick-input-widget', { hasText: 'Start Level' });
    if (await picker.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) {
      step('  (the click met a redraw; choosing L2 in the level picker)');
      await pick(page, l2.id);
    }
    await until('L2 to be ready again', async () => /\bready\b/.test(await rowAt(page, 3, l2.id).innerText().catch(() => '')), 180_000);
    const back = levels().find((l) => l.id === l2.id);
    assert.equal(back?.state, 'ready');
    assert.ok(nd('exec', l2.id, '--', 'docker', 'images', '-q', IMAGE).trim(), 'L2 kept the copied image across the restart');
    await snap(page, 'l2-started');

    step('Nest One Level on L2, then reload the window mid-nest: afterwards the tree is true and nothing is half-made');
    const known = new Set(levels().map((l) => l.id));
    await inline(rowAt(page, 3, l2.id), 'Nest One Level');
    const nestPicker = page.locator('.quick-input-widget', { hasText: 'Nest One Level' });
    if (await nestPicker.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) {
      step('  (the click met a redraw; choosing L2 in the level picker)');
      await pick(page, l2.id);
    }
    await page.locator('.notification-toast', { hasText: /Nesting/ }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await sleep(2000);
    const reloaded = page.waitForEvent('framenavigated', { timeout: 60_000 });
    await cs.runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await cs.waitForWorkbench(page, { timeout: 120_000 });
    // The side bar comes back as it was (the Levels view open); open it again only if it did not.
    if (!(await rowAt(page, 3, l2.id).waitFor({ state: 'visible', timeout: 90_000 }).then(() => true, () => false))) {
      await cs.runCommand(page, 'View: Show Nested Docker', { timeout: 60_000 });
      await rowAt(page, 3, l2.id).waitFor({ state: 'visible', timeout: 60_000 });
    }
    // Cut between creating the level's container and starting it, the level shows as never started until the
    // extension rolls it back (once older than a start may take: the start timeout plus 30 s).
    let neverStarted;
    const settled = await until('the level the reload interrupted to settle (ready, or never made, or rolled back)', async () => {
      const child = levels().find((l) => !known.has(l.id) && l.parentId === l2.id);
      if (!child) return { child: undefined };
      if (/^never started/.test(child.stopReason ?? '')) neverStarted = child.id;
      return child.state === 'ready' ? { child } : undefined;
    }, 180_000);
    if (settled.child) {
      step(`  the nest had got far enough to finish on its own: ${settled.child.id} is ready`);
      await rowAt(page, 4, settled.child.id).waitFor({ state: 'visible', timeout: 30_000 });
    } else if (neverStarted) {
      step(`  the reload cut the nest between create and start: ${neverStarted} showed as never started, then the extension rolled it back`);
    } else {
      step('  the reload cut the nest before its container existed: no new level');
    }
    // Nothing half-made on L2's daemon: every level volume there belongs to a level that exists.
    const volumes = nd('exec', l2.id, '--', 'docker', 'volume', 'ls', '-q', '--filter', 'label=nested-docker.managed').split('\n').filter(Boolean);
    const owners = levels().filter((l) => l.parentId === l2.id).map((l) => l.id);
    assert.deepEqual(volumes.filter((v) => !owners.some((id) => v.includes(id))), [], 'no data volume without its level on L2');
    const doctor = JSON.parse(nd('doctor', '--json', '--min-age', '0'));
    assert.deepEqual(doctor.orphans.filter((o) => o.on === l2.id), [], 'doctor finds no orphan on L2');
    recordFault('the extension host reloaded mid-nest (Developer: Reload Window)',
      settled.child ? `the nest finished on its own: ${settled.child.id} ready; no orphan on L2`
        : neverStarted ? `cut between create and start: ${neverStarted} shown as never started, then rolled back with its volume; no orphan on L2`
          : 'cut before its container existed: no new level, no orphan on L2');
    await snap(page, 'after-reload');
    step(`passed; screenshots in ${path.relative(ROOT, SHOTS)}`);
  } catch (err) {
    if (page) await snap(page, 'failure').catch(() => undefined);
    try {
      step(`containers at L2:\n${nd('exec', l2.id, '--', 'docker', 'ps', '-a', '--no-trunc', '--format', '{{.Names}} {{.Command}} {{.Status}}')}`);
    } catch {
      /* L2 unreachable */
    }
    if (server.runDir) keepExtensionLog(server.runDir);
    throw err;
  } finally {
    try {
      nd('collapse', l1.id, '--purge', '--quiet');
    } catch {
      /* never made, or already gone */
    }
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`ui-explorer: FAILED: ${err?.stack || err}`);
    process.exit(1);
  },
);
