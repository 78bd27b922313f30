import * as assert from 'assert/strict';
import { progressPrinter, ProgressEvent } from '../../../src/cli/progress';

/** A seeded 216 MB image reported the way imageTransfer reports it: one event per 64 KiB chunk. */
function seedEvents(total = 216e6, chunk = 65536): ProgressEvent[] {
  const events: ProgressEvent[] = [
    { step: 'image', message: 'Checking image x on host' },
    { step: 'seed', message: 'Seeding x', bytes: 0 },
  ];
  for (let b = chunk; b < total; b += chunk) events.push({ step: 'seed', message: `Seeding ${b}`, bytes: b, totalBytes: total });
  events.push({ step: 'seed', message: 'Seeding done', bytes: total, totalBytes: total });
  events.push({ step: 'volume', message: 'Preparing volume' }, { step: 'done', message: 'Level ready' });
  return events;
}

function run(events: ProgressEvent[], tty: boolean, quiet = false, clock?: () => number): string {
  let out = '';
  const print = progressPrinter({ tty, quiet, write: (s) => (out += s), now: clock });
  for (const e of events) print(e);
  print.done();
  return out;
}

describe('CLI progress printer', () => {
  it('prints one line per step and a seed line only every ~10 % when stderr is not a terminal', () => {
    const events = seedEvents();
    assert.ok(events.length > 3000, 'the fixture has thousands of chunk events');
    const lines = run(events, false).split('\n').filter(Boolean);
    const seedLines = lines.filter((l) => l.startsWith('Seeding'));
    assert.equal(seedLines.length, 10, seedLines.join('\n')); // the start line and 10 %, 20 % … 90 %
    assert.deepEqual(lines.filter((l) => !l.startsWith('Seeding')), ['Checking image x on host', 'Preparing volume', 'Level ready']);
  });

  it('without a known total, prints a seed line at most every 5 s', () => {
    let t = 0;
    const events: ProgressEvent[] = [{ step: 'seed', message: 'start', bytes: 0 }];
    for (let i = 1; i <= 200; i++) events.push({ step: 'seed', message: `chunk ${i}`, bytes: i });
    const out = run(events, false, false, () => (t += 100)); // 100 ms per event: 20 s in all
    assert.equal(out.split('\n').filter(Boolean).length, 5); // start, then every 5 s
  });

  it('rewrites one live line on a terminal and keeps each finished step', () => {
    let t = 0;
    const out = run(seedEvents(), true, false, () => (t += 1));
    assert.ok(out.includes('\r\x1b[K'), 'same-step updates overwrite the line');
    const finished = out.split('\n');
    assert.equal(finished.length, 5, 'four steps, each on its own line, and the closing newline');
    assert.ok(finished[1].endsWith('Seeding done'), 'the seed line ends with its last state');
  });

  it('prints nothing with --quiet', () => {
    assert.equal(run(seedEvents(), false, true), '');
    assert.equal(run(seedEvents(), true, true), '');
  });
});
