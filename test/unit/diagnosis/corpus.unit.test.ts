import * as assert from 'assert/strict';
import { extendSplit, loadSamples, parseSample, readSplit, Sample, sidesOf, threadKey } from '../../../scripts/diagnosis/corpus';
import { score } from '../../../scripts/diagnosis/score';

const sample = (file: string, expect: string, body: string, also: string[] = []): Sample => ({
  file, source: 'https://example.invalid', expect, also, kind: 'daemon-log', host: 'unknown', body,
});

describe('diagnosis corpus tooling', () => {
  it('parses a sample header and keeps the body verbatim', () => {
    const s = parseSample('a.txt', '# source: https://x/1\n# expect: vfs-fallback | overlay-on-overlay\n# also: disk-space\n# kind: journald\n# note: n\n#1 line that starts with a hash\nbody');
    assert.equal(s.expect, 'vfs-fallback');
    assert.deepEqual(s.also, ['overlay-on-overlay', 'disk-space']);
    assert.equal(s.kind, 'journald');
    assert.equal(s.body, '#1 line that starts with a hash\nbody');
  });

  it('draws new samples into a side once and never moves the ones already split', () => {
    const samples = Array.from({ length: 300 }, (_, i) => ({ file: `s${i}.txt`, source: `https://t/${i}` }));
    const first = extendSplit({ method: 'm', tuning: [], heldout: [] }, samples);
    assert.equal(first.added.length, 300);
    assert.ok(first.split.heldout.length > 60 && first.split.heldout.length < 140, `held out ${first.split.heldout.length}`);
    const second = extendSplit(first.split, [...samples, { file: 'new.txt', source: 'https://t/new' }]);
    assert.deepEqual(second.added, ['new.txt']);
    for (const f of first.split.heldout) assert.ok(second.split.heldout.includes(f));
    for (const f of first.split.tuning) assert.ok(second.split.tuning.includes(f));
  });

  it('keeps every sample of one thread on the side of its first sample', () => {
    const first = extendSplit({ method: 'm', tuning: [], heldout: [] }, [{ file: 'a.txt', source: 'https://t/1' }]);
    const side = first.split.heldout.includes('a.txt') ? 'heldout' : 'tuning';
    const more = Array.from({ length: 20 }, (_, i) => ({ file: `b${i}.txt`, source: i % 2 ? 'https://T/1/' : 'https://t/1#c' }));
    const second = extendSplit(first.split, [{ file: 'a.txt', source: 'https://t/1' }, ...more]);
    assert.equal(second.split[side].length, 21);
  });

  it('never moves a sample of the fresh held-out batch, and keeps later samples of its threads there', () => {
    const split = { method: 'm', tuning: ['t.txt'], heldout: ['h.txt'], fresh: ['f.txt'] };
    const known = [{ file: 't.txt', source: 'https://t/1' }, { file: 'h.txt', source: 'https://t/2' }, { file: 'f.txt', source: 'https://t/3' }];
    const next = extendSplit(split, [...known, { file: 'f2.txt', source: 'https://t/3#again' }]);
    assert.deepEqual(next.added, ['f2.txt']);
    assert.deepEqual(next.split.fresh, ['f.txt', 'f2.txt']);
    assert.deepEqual([next.split.tuning, next.split.heldout], [['t.txt'], ['h.txt']]);
  });

  it('keeps a later fresh batch as a side of its own, never moved', () => {
    const split = { method: 'm', tuning: ['t.txt'], heldout: ['h.txt'], fresh: ['f.txt'], fresh3: ['g.txt'] };
    const known = [{ file: 'f.txt', source: 'https://t/3' }, { file: 'g.txt', source: 'https://t/4' }];
    const next = extendSplit(split, [...known, { file: 'g2.txt', source: 'https://t/4/' }]);
    assert.deepEqual([next.split.fresh, next.split.fresh3], [['f.txt'], ['g.txt', 'g2.txt']]);
    assert.equal(sidesOf(next.split).get('g2.txt'), 'fresh3');
  });

  it('puts no source thread of the committed corpus on two sides (tuning, held out, fresh)', () => {
    const sideOf = sidesOf(readSplit());
    const threadSide = new Map<string, string>();
    for (const s of loadSamples()) {
      const side = sideOf.get(s.file);
      assert.ok(side, `${s.file} is in no split`);
      const key = threadKey(s.source || s.file);
      assert.equal(threadSide.get(key) ?? side, side, `${s.source} is on two sides`);
      threadSide.set(key, side);
    }
  });

  it('counts a failure right when its id is among the first two, and a warning on healthy text as a false alarm', () => {
    const s = score([
      sample('a.txt', 'stale-pidfile', 'failed to start daemon: pid file found, ensure docker is not running or delete /var/run/docker.pid'),
      sample('b.txt', 'disk-space', 'failed to start daemon: pid file found, ensure docker is not running or delete /var/run/docker.pid'),
      sample('c.txt', 'healthy', 'level=info msg="Daemon has completed initialization"'),
      sample('d.txt', 'none-of-catalog', 'something else'),
    ], 'test');
    assert.equal(s.failures, 2);
    assert.equal(s.right, 1);
    assert.equal(s.healthy, 1);
    assert.equal(s.falseAlarms, 0);
    assert.equal(s.gaps, 1);
    assert.deepEqual(s.wrong.map((w) => w.file), ['b.txt']);
  });
});
