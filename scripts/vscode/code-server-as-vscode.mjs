#!/usr/bin/env node
// A "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }) on machines where desktop
// VS Code cannot be downloaded. It accepts the command line runTests passes to VS Code, starts code-server (real
// workbench, real Node extension host), opens the workbench in headless Chromium with the extension under
// development and the test entry in the URL payload, relays the test output, and exits with the tests' exit code.
//
//   code-server-as-vscode.mjs [workspace] --extensionDevelopmentPath=DIR [--extensionDevelopmentPath=DIR2]
//       --extensionTestsPath=FILE [--disable-extensions] [--install-extension=VSIX_OR_ID] [other VS Code flags]
//
// Flags runTests adds that mean nothing here (--no-sandbox, --disable-gpu-sandbox, --disable-updates,
// --skip-welcome, --skip-release-notes, --disable-workspace-trust, --user-data-dir, --extensions-dir) are accepted;
// every run uses fresh user-data and extensions folders anyway.
//
// Environment: NESTED_DOCKER_VSCODE_TIMEOUT (seconds, default 600), NESTED_DOCKER_VSCODE_VERBOSE=1 (server log on
// stderr at the end, harness messages), NESTED_DOCKER_KEEP_RUN=1 (keep the run folder), NESTED_DOCKER_VSCODE_LOGS=DIR
// (write the workbench logs handed to codeAutomationExit there), NESTED_DOCKER_HEADFUL=1, plus those of
// code-server-env.mjs. The whole environment is passed to code-server and so to the extension host
// (runTests' extensionTestsEnv arrives this way).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import {
  startCodeServer, openWorkbench, findCodeServer,
} from './code-server-env.mjs';

const T_START = Date.now();
// The workbench's own console messages arrive through codeAutomationLog mixed with the extension host's (the
// tests' output). These are the workbench's routine or offline ones; shown with NESTED_DOCKER_VSCODE_VERBOSE=1.
const WORKBENCH_NOISE = [
  /^(Resolving|Resolved) connection token/, /^Creating a socket/, /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/, /^\[Service Worker\]/, /^\[AgentHost/, /^\[AccountPolicyGate\]/,
  /getaddrinfo (ENOTFOUND|EAI_AGAIN)/, /authentication provider 'github'/, /^Creation of workbench contribution/, /open-vsx\.org|marketplace\.visualstudio\.com|api\.github\.com/,
];
const say = (m) => process.stderr.write(`[code-server-as-vscode] ${m}\n`);

function parseArgs(argv) {
  const o = { devPaths: [], testsPath: undefined, folder: undefined, disableExtensions: false, install: [], ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) { o.folder = path.resolve(a); continue; }
    const [, name, inline] = m;
    const takeValue = () => inline !== undefined ? inline : argv[++i];
    switch (name) {
      case 'extensionDevelopmentPath': o.devPaths.push(path.resolve(takeValue())); break;
      case 'extensionTestsPath': o.testsPath = path.resolve(takeValue()); break;
      case 'folder-uri': { const v = takeValue(); o.folder = v.startsWith('file://') ? new URL(v).pathname : v; break; }
      case 'disable-extensions': o.disableExtensions = true; break;
      case 'install-extension': o.install.push(takeValue()); break;
      case 'user-data-dir': case 'extensions-dir': case 'locale': case 'log': case 'disable-extension':
        o.ignored.push(`${a}${inline === undefined ? ' ' + argv[i + 1] : ''}`);
        if (inline === undefined) i++;
        break;
      default: o.ignored.push(a);
    }
  }
  return o;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!opts.testsPath || !opts.devPaths.length) {
    say('usage: code-server-as-vscode.mjs [workspace] --extensionDevelopmentPath=DIR --extensionTestsPath=FILE');
    return 2;
  }
  if (process.env.NESTED_DOCKER_VSCODE_VERBOSE && opts.ignored.length) say(`ignored flags: ${opts.ignored.join(' ')}`);
  for (const p of [...opts.devPaths, opts.testsPath, ...(opts.folder ? [opts.folder] : [])]) {
    // extensionTestsPath may name a module without its .js extension.
    if (!fs.existsSync(p) && !fs.existsSync(`${p}.js`)) { say(`no such path: ${p}`); return 2; }
  }

  const timeoutS = Number(process.env.NESTED_DOCKER_VSCODE_TIMEOUT || 600);
  let server;
  let exitCode = 1;
  let finish;
  const done = new Promise((r) => (finish = r));
  const timer = setTimeout(() => { say(`timed out after ${timeoutS} s`); finish(124); }, timeoutS * 1000);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { say(`${sig}: stopping`); finish(sig === 'SIGINT' ? 130 : 143); });

  try {
    const bin = findCodeServer();
    server = await startCodeServer({ bin, vsix: opts.install, cwd: opts.folder, smokeTestDriver: true });
    say(`code-server ${server.url} up in ${server.timings.serverStartMs} ms (run folder ${server.runDir})`);

    const payload = [
      ...opts.devPaths.map((p) => ['extensionDevelopmentPath', server.remoteUri(p)]),
      ['extensionTestsPath', server.remoteUri(opts.testsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
      ...(opts.disableExtensions ? [['disableExtensions', 'true']] : []),
    ];
    const logsDir = process.env.NESTED_DOCKER_VSCODE_LOGS;
    const { page } = await openWorkbench(server, {
      folder: opts.folder,
      payload,
      wait: false,
      timeout: 120_000,
      exposeFunctions: {
        // Called by the workbench's console logger with (level, args); the extension host's console output
        // (mocha's reporter) arrives here.
        codeAutomationLog: (level, args) => {
          if (process.env.NESTED_DOCKER_VSCODE_RAWLOG) fs.appendFileSync(process.env.NESTED_DOCKER_VSCODE_RAWLOG, JSON.stringify([level, args]) + '\n');
          const text = format(...(Array.isArray(args) ? args : [args]));
          if (!process.env.NESTED_DOCKER_VSCODE_VERBOSE && WORKBENCH_NOISE.some((re) => re.test(text))) return;
          (level === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
        },
        // Called when the extension host running the tests exits, with its exit code and the workbench logs.
        codeAutomationExit: (code, logs) => {
          if (logsDir && Array.isArray(logs)) {
            for (const { relativePath, contents } of logs) {
              const f = path.join(logsDir, relativePath);
              fs.mkdirSync(path.dirname(f), { recursive: true });
              fs.writeFileSync(f, contents);
            }
          }
          say(`tests finished with exit code ${code} after ${((Date.now() - T_START) / 1000).toFixed(1)} s`);
          finish(typeof code === 'number' ? code : 1);
        },
      },
    });
    page.on('pageerror', (e) => { if (process.env.NESTED_DOCKER_VSCODE_VERBOSE) say(`page error: ${e.message}`); });
    page.on('crash', () => { say('page crashed'); finish(1); });
    exitCode = await done;
  } catch (e) {
    say(`error: ${e && e.stack || e}`);
    exitCode = 1;
  } finally {
    clearTimeout(timer);
    if (server) {
      if (exitCode !== 0 || process.env.NESTED_DOCKER_VSCODE_VERBOSE) {
        say(`code-server log tail:\n${server.logTail(30)}`);
      }
      await server.stop().catch((e) => say(`stop: ${e}`));
    }
  }
  return exitCode;
}

main().then((code) => process.exit(code), (e) => { say(String(e && e.stack || e)); process.exit(1); });
