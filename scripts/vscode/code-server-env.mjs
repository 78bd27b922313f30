// Real VS Code for tests on machines without a desktop VS Code: code-server (the real workbench and the real Node
// extension host, served over HTTP) driven by Debian Chromium through playwright-core.
// Plain ESM JavaScript so it runs without compiling. See docs/vscode-tests.md.
//
//   import * as cs from './code-server-env.mjs';
//   const server = await cs.startCodeServer({ vsix: 'my.vsix', folder: '/some/folder' });
//   try {
//     const { context, page } = await cs.openWorkbench(server, { folder: '/some/folder' });
//     await cs.clickActivityBar(page, 'My Container');
//     await cs.treeRow(page, 'some row');
//   } finally { await server.stop(); }   // also closes browsers opened with openWorkbench
//
// Every run gets its own folder (user data, extensions, XDG_CONFIG_HOME, XDG_DATA_HOME, TMPDIR, Chromium profile,
// logs) and code-server runs in its own process group, stopped as a whole.

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const INSTALL_SCRIPT = path.join(HERE, 'install-code-server.sh');
export const CHROMIUM_PATH = process.env.NESTED_DOCKER_CHROMIUM || '/usr/bin/chromium';

/** Chromium flags that work headless, as root, offline, in a container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** User settings for a quiet, deterministic workbench. */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'telemetry.feedback.enabled': false,
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'github.copilot.enable': { '*': false },
  'terminal.integrated.enablePersistentSessions': false,
  'terminal.integrated.gpuAcceleration': 'off',
  'window.commandCenter': false,
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => { if (process.env.NESTED_DOCKER_VSCODE_VERBOSE) console.error('[code-server-env]', ...a); };

// ---------------------------------------------------------------------------------------------------------------
// code-server itself

/**
 * Path of the code-server executable: $NESTED_DOCKER_CODE_SERVER_BIN, else the install script's cache folder.
 * With install: true (the default) runs install-code-server.sh when it is missing (several minutes, once).
 */
export function findCodeServer({ install = true } = {}) {
  if (process.env.NESTED_DOCKER_CODE_SERVER_BIN) return process.env.NESTED_DOCKER_CODE_SERVER_BIN;
  const probe = spawnSync('bash', [INSTALL_SCRIPT, '--print'], { encoding: 'utf8' });
  if (probe.status === 0) return probe.stdout.trim();
  if (!install) throw new Error(`code-server is not installed: run bash ${INSTALL_SCRIPT}`);
  console.error(`[code-server-env] code-server missing: running ${INSTALL_SCRIPT} (several minutes, once)`);
  const inst = spawnSync('bash', [INSTALL_SCRIPT], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (inst.status !== 0) throw new Error(`${INSTALL_SCRIPT} failed with ${inst.status}`);
  return inst.stdout.trim().split('\n').pop();
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpGet(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0, body: '' }));
  });
}

/** Make a fresh run folder with the sub-folders a run needs. */
export function makeRunDir(prefix = 'nested-docker-vscode-') {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const d of ['user-data/User', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache', 'tmp', 'logs']) {
    fs.mkdirSync(path.join(runDir, d), { recursive: true });
  }
  return runDir;
}

/** Environment for processes of a run: own XDG folders and TMPDIR under the run folder. */
export function runEnv(runDir, extra = {}) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg-cache'),
    TMPDIR: path.join(runDir, 'tmp'),
    ...extra,
  };
}

function killGroup(pid, signal) {
  try { process.kill(-pid, signal); return true; } catch { return false; }
}

function groupAlive(pid) {
  try { process.kill(-pid, 0); return true; } catch { return false; }
}

// Servers still running: stopped synchronously (SIGKILL) if this process exits without stopping them.
const liveServers = new Set();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const s of liveServers) {
      killGroup(s.pid, 'SIGKILL');
      if (!s.keepRunDir) fs.rmSync(s.runDir, { recursive: true, force: true, maxRetries: 2 });
    }
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    if (process.listenerCount(sig) > 0) continue; // the caller handles it (and calls stop())
    process.once(sig, () => {
      Promise.all([...liveServers].map((s) => s.stop().catch(() => {}))).finally(() =>
        process.exit(sig === 'SIGINT' ? 130 : 143));
    });
  }
}

/**
 * Install VSIX files (or extension ids) into a run's extensions folder with `code-server --install-extension`.
 * Run before startCodeServer or pass `vsix` to it. Returns the milliseconds taken.
 */
export function installExtensions({ bin, runDir, vsix }) {
  const list = [].concat(vsix || []);
  if (!list.length) return 0;
  const t0 = Date.now();
  const args = ['--user-data-dir', path.join(runDir, 'user-data'), '--extensions-dir', path.join(runDir, 'extensions')];
  for (const v of list) args.push('--install-extension', fs.existsSync(v) ? path.resolve(v) : v);
  args.push('--force');
  const r = spawnSync(bin, args, { env: runEnv(runDir), encoding: 'utf8', timeout: 180_000 });
  fs.appendFileSync(path.join(runDir, 'logs', 'install-extension.log'), `${r.stdout || ''}${r.stderr || ''}`);
  if (r.status !== 0 || /Failed Installing|not found/i.test(r.stdout + r.stderr)) {
    throw new Error(`code-server --install-extension failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return Date.now() - t0;
}

/**
 * Start code-server for one run.
 * @param {object} [o]
 * @param {string|string[]} [o.vsix]      VSIX files or extension ids to install first
 * @param {object} [o.settings]           user settings merged over DEFAULT_SETTINGS
 * @param {string[]} [o.args]             extra code-server arguments
 * @param {object} [o.env]                extra environment for the server (and so the extension host)
 * @param {boolean} [o.smokeTestDriver=false] `--vscode-option enable-smoke-test-driver`: needed for the payload's
 *                                        extensionDevelopmentPath/extensionTestsPath (extension tests), but it
 *                                        also stops the workbench from showing notification toasts, so UI
 *                                        scripts leave it off
 * @param {string} [o.runDir]             folder for this run (default: a fresh temp folder, removed on stop)
 * @param {boolean} [o.keepRunDir]        keep the run folder after stop (also: NESTED_DOCKER_KEEP_RUN=1)
 * @param {number} [o.timeoutMs=30000]    wait for /healthz
 * @returns {Promise<Server>} { url, port, pid, runDir, userDataDir, extensionsDir, logFile, timings,
 *                              workbenchUrl(folder, payload), stop() }
 */
export async function startCodeServer(o = {}) {
  const bin = o.bin || findCodeServer();
  const runDir = o.runDir || makeRunDir();
  for (const d of ['user-data/User', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache', 'tmp', 'logs']) {
    fs.mkdirSync(path.join(runDir, d), { recursive: true });
  }
  const keepRunDir = !!(o.keepRunDir || process.env.NESTED_DOCKER_KEEP_RUN);
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  const logFile = path.join(runDir, 'logs', 'code-server.log');
  const timings = {};

  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...(o.settings || {}) }, null, 2));
  // code-server otherwise writes a config.yaml with a generated password under XDG_CONFIG_HOME.
  const configFile = path.join(runDir, 'code-server.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

  timings.installExtensionsMs = installExtensions({ bin, runDir, vsix: o.vsix });

  const port = o.port || await freePort();
  const args = [
    '--config', configFile,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time', '10',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(o.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(o.args || []),
  ];
  const t0 = Date.now();
  const out = fs.openSync(logFile, 'a');
  const proc = spawn(bin, args, {
    env: runEnv(runDir, o.env),
    cwd: o.cwd || runDir,
    detached: true, // own process group: stop() kills server, extension hosts, pty hosts and shells together
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  log(`started code-server pid ${proc.pid} on port ${port}: ${bin} ${args.join(' ')}`);

  const url = `http://127.0.0.1:${port}`;
  const browsers = new Set();
  let stopped = false;
  const server = {
    url, port, pid: proc.pid, runDir, userDataDir, extensionsDir, logFile, timings, keepRunDir, proc,
    /** Workbench URL for a folder (absolute path) and optional payload entries [[key, value], ...]. */
    workbenchUrl(folder, payload) {
      let u = `${url}/?`;
      u += folder ? `folder=${encodeURIComponent(path.resolve(folder))}` : 'ew=true';
      if (payload && payload.length) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
    /** vscode-remote URI of a server-side absolute path, as the workbench's payload expects. */
    remoteUri(p) {
      return `vscode-remote://127.0.0.1:${port}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`;
    },
    /** Tail of the server log, for error messages. */
    logTail(lines = 40) {
      try { return fs.readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return ''; }
    },
    _browsers: browsers,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const b of browsers) await b.close().catch(() => {});
      killGroup(proc.pid, 'SIGTERM');
      for (let i = 0; i < 50 && groupAlive(proc.pid); i++) await sleep(100);
      if (groupAlive(proc.pid)) killGroup(proc.pid, 'SIGKILL');
      liveServers.delete(server);
      if (!keepRunDir) fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
      else console.error(`[code-server-env] kept run folder ${runDir}`);
    },
  };
  liveServers.add(server);
  installExitHook();

  let exited = null;
  proc.on('exit', (code, signal) => { exited = { code, signal }; });
  const deadline = Date.now() + (o.timeoutMs || 30_000);
  for (;;) {
    if (exited) {
      const tail = server.logTail();
      await server.stop();
      throw new Error(`code-server exited early (${exited.code ?? exited.signal}):\n${tail}`);
    }
    const r = await httpGet(`${url}/healthz`);
    if (r.status === 200) break;
    if (Date.now() > deadline) {
      const tail = server.logTail();
      await server.stop();
      throw new Error(`code-server did not answer ${url}/healthz in time:\n${tail}`);
    }
    await sleep(100);
  }
  timings.serverStartMs = Date.now() - t0;
  return server;
}

// ---------------------------------------------------------------------------------------------------------------
// Chromium

async function loadPlaywright() {
  try {
    return await import('playwright-core');
  } catch {
    // Resolve from the project root when this file is imported from elsewhere.
    const { createRequire } = await import('node:module');
    return createRequire(path.join(HERE, '..', '..', 'package.json'))('playwright-core');
  }
}

/**
 * Launch Debian Chromium with a fresh profile. Returns a Playwright BrowserContext.
 * If `server` is given the profile lives in its run folder and the browser is closed by server.stop().
 */
export async function launchBrowser({ server, runDir, headless = true, viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = await loadPlaywright();
  const base = runDir || server?.runDir || makeRunDir();
  const profile = fs.mkdtempSync(path.join(base, 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: process.env.NESTED_DOCKER_HEADFUL ? false : headless,
    args: CHROMIUM_ARGS,
    viewport,
    env: runEnv(base),
  });
  if (server) server._browsers.add(context);
  return context;
}

/** Wait until the workbench is laid out (activity bar and status bar present). */
export async function waitForWorkbench(page, { timeout = 60_000 } = {}) {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
  await page.locator('.part.activitybar').waitFor({ state: 'visible', timeout });
  await page.locator('.part.statusbar').waitFor({ state: 'visible', timeout });
}

/**
 * Open the workbench for a folder in a new browser (or in `context`).
 * `exposeFunctions` ({ name: fn }) are exposed to the page before it navigates (codeAutomationLog/Exit, ...).
 * `payload` entries ([[key, value]]) go into the URL's payload parameter.
 * Returns { context, page, loadMs }.
 */
export async function openWorkbench(server, { folder, payload, context, exposeFunctions, wait = true, timeout = 60_000 } = {}) {
  context = context || await launchBrowser({ server });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(timeout);
  for (const [name, fn] of Object.entries(exposeFunctions || {})) await page.exposeFunction(name, fn);
  const t0 = Date.now();
  await page.goto(server.workbenchUrl(folder, payload), { waitUntil: 'domcontentloaded', timeout });
  if (wait) await waitForWorkbench(page, { timeout });
  return { context, page, loadMs: Date.now() - t0 };
}

// ---------------------------------------------------------------------------------------------------------------
// Workbench helpers (Playwright Page in, effects out). Selectors are those of VS Code 1.139.

function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

/** Close any open quick input (Escape until the widget is hidden). */
export async function closeQuickInput(page) {
  const w = page.locator('.quick-input-widget');
  for (let i = 0; i < 3 && await w.isVisible().catch(() => false); i++) await page.keyboard.press('Escape');
}

/**
 * Clicks the row of the open quick pick that contains `text`. The hover card of the row the pointer rests on can
 * cover the next row (a CI run timed out on it): the pointer is moved off the list and the click tried again.
 */
export async function clickQuickPickRow(page, text, { timeout = 30_000 } = {}) {
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: text }).first();
  await row.waitFor({ state: 'visible', timeout });
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await row.click({ timeout: 3_000 });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await page.mouse.move(1, 1);
      await page.locator('.context-view .monaco-hover, .workbench-hover').first().waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => {});
    }
  }
}

/**
 * Run a command through F1 by its palette label ("Category: Title", as shown in the palette).
 * Waits for a row whose label matches, then picks it.
 */
export async function runCommand(page, label, { timeout = 20_000 } = {}) {
  await closeQuickInput(page);
  await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 }, force: true }).catch(() => {});
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row')
    .filter({ hasText: new RegExp(escapeRe(label), 'i') }).first();
  await row.waitFor({ state: 'visible', timeout });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout }).catch(() => {});
}

/** Click the activity-bar icon whose title (aria-label) starts with `title`. */
export async function clickActivityBar(page, title, { timeout = 30_000 } = {}) {
  const item = page.locator('.part.activitybar .action-item a.action-label, .part.activitybar .action-item [role="tab"]')
    .and(page.locator(`[aria-label^="${title.replace(/"/g, '\\"')}"]`)).first();
  await item.waitFor({ state: 'visible', timeout });
  await item.click();
  return item;
}

/**
 * A row of a tree or list (views in the side bar, panel, ...) whose label is `label` (string: exact text of the
 * row's label element, RegExp: tested against the row text). Waits until visible; returns the Locator.
 */
export async function treeRow(page, label, { timeout = 30_000, within } = {}) {
  const scope = within ? page.locator(within) : page.locator('.monaco-workbench');
  const rows = scope.locator('.monaco-list-row');
  const row = label instanceof RegExp
    ? rows.filter({ hasText: label }).first()
    : rows.filter({ has: page.locator('.label-name, .monaco-highlighted-label', { hasText: new RegExp(`^${escapeRe(label)}$`) }) }).first();
  await row.waitFor({ state: 'visible', timeout });
  return row;
}

/** Hover the row labelled `label` and click its inline action whose title (aria-label) is `actionTitle`. */
export async function clickInlineAction(page, label, actionTitle, { timeout = 30_000, within } = {}) {
  const row = await treeRow(page, label, { timeout, within });
  await row.hover();
  const action = row.locator(`.actions .action-label[aria-label="${actionTitle.replace(/"/g, '\\"')}"], ` +
    `.actions .action-label[title="${actionTitle.replace(/"/g, '\\"')}"]`).first();
  await action.waitFor({ state: 'visible', timeout });
  await action.click();
  return row;
}

/** Open a new integrated terminal (through F1) and wait for its rows. */
export async function openTerminal(page, { timeout = 30_000 } = {}) {
  await runCommand(page, 'Terminal: Create New Terminal', { timeout });
  await page.locator('.terminal-wrapper.active .xterm-rows, .xterm-rows').last().waitFor({ state: 'visible', timeout });
  // Wait for the shell's first output (its prompt): keys typed earlier are echoed twice.
  await waitForTerminalText(page, /\S/, { timeout });
}

/** Text of the active terminal (needs terminal.integrated.gpuAcceleration off, as in DEFAULT_SETTINGS). */
export async function terminalText(page) {
  const rows = page.locator('.terminal-wrapper.active .xterm-rows');
  const loc = (await rows.count()) ? rows.first() : page.locator('.xterm-rows').last();
  const text = await loc.evaluate((el) => [...el.children].map((r) => r.textContent.replace(/\u00a0/g, ' ').trimEnd()).join('\n'));
  return text.replace(/\n+$/, '');
}

/** Type into the active terminal; presses Enter afterwards unless enter: false. */
export async function typeInTerminal(page, text, { enter = true } = {}) {
  const area = page.locator('.terminal-wrapper.active .xterm-helper-textarea, .xterm-helper-textarea').first();
  await area.focus();
  await page.keyboard.type(text, { delay: 10 });
  if (enter) await page.keyboard.press('Enter');
}

/** Wait until the active terminal's text matches (string: includes; RegExp: test). Returns the text. */
export async function waitForTerminalText(page, expected, { timeout = 20_000 } = {}) {
  const deadline = Date.now() + timeout;
  let text = '';
  for (;;) {
    text = await terminalText(page).catch(() => '');
    if (typeof expected === 'string' ? text.includes(expected) : expected.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`terminal text did not match ${expected} in ${timeout} ms:\n${text}`);
    await sleep(200);
  }
}

/** Notification toasts currently shown (their message text). */
export async function notifications(page) {
  return page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
}

/** Wait for a notification toast whose message matches (string: includes; RegExp: test). Returns its text. */
export async function waitForNotification(page, expected, { timeout = 20_000 } = {}) {
  const msg = page.locator('.notifications-toasts .notification-list-item-message')
    .filter({ hasText: typeof expected === 'string' ? new RegExp(escapeRe(expected)) : expected }).first();
  await msg.waitFor({ state: 'visible', timeout });
  return msg.innerText();
}

/** Screenshot of the page to `file` (folders created). */
export async function screenshot(page, file) {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}

// ---------------------------------------------------------------------------------------------------------------
// CLI: start a server by hand and leave it running until Ctrl+C.
//   node scripts/vscode/code-server-env.mjs [--vsix FILE]... [--smoke-test-driver] [--open] [folder]
// Prints the workbench URL. With --open, also opens it in headless Chromium and saves a screenshot every 10 s
// to <run folder>/screen.png (for looking at a workbench where no display exists).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const vsix = []; let folder; let smokeTestDriver = false; let open = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--vsix') vsix.push(argv[++i]);
    else if (argv[i] === '--smoke-test-driver') smokeTestDriver = true;
    else if (argv[i] === '--open') open = true;
    else folder = path.resolve(argv[i]);
  }
  process.on('SIGINT', () => {});
  // The run folder (a fresh profile each start) goes when the server stops; --open keeps it for its screenshots, and
  // NESTED_DOCKER_KEEP_RUN=1 keeps it for a look at the logs.
  const server = await startCodeServer({ vsix, smokeTestDriver, keepRunDir: open });
  console.log(`code-server up in ${server.timings.serverStartMs} ms (pid ${server.pid}, run folder ${server.runDir})`);
  console.log(server.workbenchUrl(folder));
  let timer;
  if (open) {
    const { page } = await openWorkbench(server, { folder });
    timer = setInterval(() => screenshot(page, path.join(server.runDir, 'screen.png')).catch(() => {}), 10_000);
  }
  await new Promise((r) => process.once('SIGINT', r));
  clearInterval(timer);
  await server.stop();
}
