// The catalog is the single source of truth: ids, quick fixes, and the troubleshooting guide.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG, CHECK_IDS, makeFinding } from '../../../src/engine/preflight';
import { projectRoot } from './fixtureFiles';

const guide = fs.readFileSync(path.join(projectRoot(), 'docs', 'troubleshooting.md'), 'utf8');

function section(id: string): string {
  const start = guide.indexOf(`\n## ${id}\n`);
  assert.ok(start >= 0, `docs/troubleshooting.md lacks "## ${id}"`);
  const next = guide.indexOf('\n## ', start + 1);
  return guide.slice(start, next < 0 ? undefined : next);
}

describe('preflight catalog', () => {
  it('has stable kebab-case ids, each with a title and a hint', () => {
    assert.equal(new Set(CHECK_IDS).size, CHECK_IDS.length);
    for (const id of CHECK_IDS) {
      assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      assert.equal(CATALOG[id].id, id);
      assert.ok(CATALOG[id].title.length > 0 && CATALOG[id].hint.length > 0);
    }
  });

  it('includes every id the product promises', () => {
    for (const id of ['apparmor-denied', 'selinux-denied', 'cgroup-devices-shared', 'cgroup-readonly', 'cgroup-v2-nesting', 'not-privileged', 'caps-unavailable', 'storage-driver-unsupported', 'iptables-failure', 'aufs-module-missing', 'var-lib-docker-shared', 'socket-permission', 'daemon-unreachable', 'dood-port-conflict', 'dood-volume-path', 'kernel-module-missing', 'privileged-security', 'nesting-depth', 'vfs-fallback', 'stale-pidfile']) {
      assert.ok(id in CATALOG, id);
    }
  });

  it('offers the nest options that fix what they can', () => {
    assert.deepEqual(CATALOG['apparmor-denied'].fix?.nestOptions, { apparmorUnconfined: true });
    assert.deepEqual(CATALOG['caps-unavailable'].fix?.nestOptions, { mode: 'capabilities' });
    for (const id of ['storage-driver-unsupported', 'vfs-fallback', 'var-lib-docker-shared', 'overlay-on-overlay'] as const) {
      assert.deepEqual(CATALOG[id].fix?.nestOptions, { freshVolume: true }, id);
    }
    for (const id of ['iptables-failure', 'iptables-backend-mismatch'] as const) {
      assert.deepEqual(CATALOG[id].fix?.nestOptions, { iptablesLegacy: true }, id);
    }
    assert.ok(['capabilities', 'privileged', 'auto'].includes(CATALOG['not-privileged'].fix!.nestOptions.mode!));
  });

  it('makes findings with the docs anchor and lets checks override or drop the fix', () => {
    const f = makeFinding('vfs-fallback', 'Storage Driver: vfs', { severity: 'error', fix: null, line: 3 });
    assert.deepEqual(f, { id: 'vfs-fallback', severity: 'error', title: CATALOG['vfs-fallback'].title, evidence: 'Storage Driver: vfs', hint: CATALOG['vfs-fallback'].hint, docs: 'troubleshooting.md#vfs-fallback', line: 3 });
  });

  it('has a troubleshooting section per id with Symptom, Evidence, Cause and Fix', () => {
    for (const id of CHECK_IDS) {
      const text = section(id);
      for (const part of ['Symptom', 'Evidence', 'Cause', 'Fix']) {
        assert.match(text, new RegExp(`\\*\\*${part}\\*\\*`), `${id} lacks ${part}`);
      }
    }
  });
});
