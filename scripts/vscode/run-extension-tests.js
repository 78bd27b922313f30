#!/usr/bin/env node
// Run an extension's tests in the real extension host with @vscode/test-electron's runTests().
//
//   node scripts/vscode/run-extension-tests.js <extensionDevelopmentPath> <extensionTestsPath> [workspaceFolder]
//        [-- extra VS Code launch args]
//
// Which VS Code:
//   NESTED_DOCKER_VSCODE=code-server   code-server through scripts/vscode/code-server-as-vscode.mjs (offline machines)
//   NESTED_DOCKER_VSCODE=desktop       desktop VS Code, downloaded by runTests (needs internet); version from
//                                      NESTED_DOCKER_VSCODE_VERSION (default 'stable')
//   NESTED_DOCKER_VSCODE=/path/to/code an existing desktop VS Code executable
//   unset                              desktop if a VS Code download is already cached in ./.vscode-test,
//                                      else code-server
// Launch args always include --disable-extensions (other installed extensions stay off; the one under test loads).
// Exit code: 0 when the tests pass, the tests' exit code (or 1) otherwise.
'use strict';

const fs = require('fs');
const path = require('path');

const HERE = __dirname;
const CODE_SERVER_AS_VSCODE = path.join(HERE, 'code-server-as-vscode.mjs');

function requireFromProject(name) {
  try {
    return require(name);
  } catch {
    return require(require.resolve(name, { paths: [process.cwd(), path.join(HERE, '..', '..')] }));
  }
}

async function pickVSCode() {
  const choice = process.env.NESTED_DOCKER_VSCODE;
  if (choice === 'code-server') return { kind: 'code-server' };
  if (choice === 'desktop') return { kind: 'desktop' };
  if (choice) return { kind: 'desktop', executable: path.resolve(choice) };
  const cached = path.join(process.cwd(), '.vscode-test');
  const hasCached = fs.existsSync(cached) && fs.readdirSync(cached).some((d) => d.startsWith('vscode-'));
  // No network probe: CI machines here have no internet, and a run should not phone out to decide.
  if (hasCached) return { kind: 'desktop' };
  return { kind: 'code-server' };
}

async function main() {
  const argv = process.argv.slice(2);
  const sep = argv.indexOf('--');
  const positional = sep >= 0 ? argv.slice(0, sep) : argv;
  const extra = sep >= 0 ? argv.slice(sep + 1) : [];
  if (positional.length < 2) {
    console.error('usage: run-extension-tests.js <extensionDevelopmentPath> <extensionTestsPath> [workspaceFolder] [-- launch args]');
    return 2;
  }
  const [devPath, testsPath, workspace] = positional;
  const { runTests } = requireFromProject('@vscode/test-electron');

  const vscode = await pickVSCode();
  const options = {
    extensionDevelopmentPath: path.resolve(devPath),
    extensionTestsPath: path.resolve(testsPath),
    launchArgs: [...(workspace ? [path.resolve(workspace)] : []), '--disable-extensions', ...extra],
  };
  if (vscode.kind === 'code-server') {
    // runTests spawns this path directly (no shell): it must be executable with its shebang.
    try { fs.accessSync(CODE_SERVER_AS_VSCODE, fs.constants.X_OK); } catch { fs.chmodSync(CODE_SERVER_AS_VSCODE, 0o755); }
    options.vscodeExecutablePath = CODE_SERVER_AS_VSCODE;
  } else if (vscode.executable) {
    options.vscodeExecutablePath = vscode.executable;
  } else {
    options.version = process.env.NESTED_DOCKER_VSCODE_VERSION || 'stable';
  }
  console.error(`[run-extension-tests] VS Code: ${vscode.kind}${vscode.executable ? ' ' + vscode.executable : ''}`);

  try {
    return await runTests(options);
  } catch (e) {
    // runTests rejects with TestRunFailedError { code } when the tests fail.
    console.error(`[run-extension-tests] ${e && e.message || e}`);
    return typeof e?.code === 'number' && e.code !== 0 ? e.code : 1;
  }
}

main().then((code) => process.exit(code), (e) => { console.error(e); process.exit(1); });
