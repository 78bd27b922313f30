import * as assert from 'assert/strict';
import type Dockerode from 'dockerode';
import { DaemonInfoCache } from '../../../src/engine/levels/daemonInfoCache';
import { recordDaemonInfo } from '../../../src/engine/levels/levelNode';
import type { LevelInfo } from '../../../src/engine/core/types';

/** A daemon client that counts its `info` calls and answers (or fails) as told. */
function fakeClient(answers: Array<Record<string, unknown> | Error>): { client: Dockerode; calls: () => number } {
  let n = 0;
  const client = {
    info: () => {
      const a = answers[Math.min(n++, answers.length - 1)];
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    },
  } as unknown as Dockerode;
  return { client, calls: () => n };
}

describe('daemon info cache (the slowest answer of a tree refresh)', () => {
  it('asks each daemon once while its facts are young, and again once they are older than the limit', async () => {
    let now = 1_000;
    const cache = new DaemonInfoCache(30_000, () => now);
    const a = fakeClient([{ Driver: 'overlay2' }, { Driver: 'vfs' }]);
    const b = fakeClient([{ Driver: 'btrfs' }]);
    assert.equal((await cache.get(a.client)).Driver, 'overlay2');
    now += 29_999;
    assert.equal((await cache.get(a.client)).Driver, 'overlay2');
    assert.equal((await cache.get(b.client)).Driver, 'btrfs', 'each client has its own facts');
    assert.equal(a.calls(), 1);
    now += 1;
    assert.equal((await cache.get(a.client)).Driver, 'vfs', 'facts at the age limit are read again');
    assert.equal(a.calls(), 2);
  });

  it('keeps no failure: the next discovery asks again', async () => {
    const cache = new DaemonInfoCache(30_000, () => 0);
    const a = fakeClient([new Error('connect ENOENT'), { Driver: 'overlay2' }]);
    await assert.rejects(cache.get(a.client), /ENOENT/);
    assert.equal((await cache.get(a.client)).Driver, 'overlay2');
    assert.equal(a.calls(), 2);
  });
});

describe('daemon facts of a level', () => {
  it('counts containers from the fresh listing, not from a kept `docker info`', () => {
    const level = {} as LevelInfo;
    const listing = [{ State: 'running' }, { State: 'exited' }, { State: 'running' }] as Dockerode.ContainerInfo[];
    recordDaemonInfo(level, { ServerVersion: '29.0.1', Driver: 'overlay2', Containers: 7, ContainersRunning: 5 }, listing);
    assert.equal(level.version, '29.0.1');
    assert.equal(level.storageDriver, 'overlay2');
    assert.deepEqual([level.facts?.containers, level.facts?.containersRunning], [3, 2]);
  });
});
