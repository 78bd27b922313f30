/**
 * Scores the failure classifier on the diagnosis corpus: for failures, is the right finding among the first two;
 * for healthy or benign text, does it raise a warning or an error (a false alarm). Reports the held-out split by
 * default: that is the figure to quote, with the fresh batches (`--set fresh`, `fresh3`, `fresh39`, `fresh73`,
 * `fresh102`, `fresh103`, `fresh104`), the sets never tuned on.
 *   npm run score:diagnosis [-- --set heldout|fresh|fresh3|fresh39|fresh73|fresh102|fresh103|fresh104|tuning|all] [-- --json] [-- --verbose] [-- --set tuning --cv]
 */
import { classify } from '../../src/engine';
import { GAP, HEALTHY, loadSamples, readSplit, Sample, SIDES, sidesOf, SplitName, UNTUNED } from './corpus';
import * as path from 'path';
import { crossValidate, Rules } from './crossValidate';

interface Outcome {
  sample: Sample;
  got: { id: string; severity: string; guess?: boolean }[];
  right: boolean;
}

export interface Score {
  set: string;
  failures: number;
  right: number;
  healthy: number;
  falseAlarms: number;
  gaps: number;
  rightPct: number;
  falseAlarmPct: number;
  /** Healthy texts given a possible-cause guess (info: not a false alarm, but noise). */
  guessed: number;
  wrong: { file: string; expect: string; got: string[] }[];
  alarms: { file: string; got: string[] }[];
  byKind: Record<string, { n: number; right: number }>;
}

function judge(sample: Sample): Outcome {
  const got = classify(sample.body).map((f) => ({ id: f.id, severity: f.severity, guess: f.confidence !== undefined }));
  const loud = got.filter((f) => f.severity !== 'info');
  if (sample.expect === HEALTHY) return { sample, got, right: loud.length === 0 };
  const wanted = new Set([sample.expect, ...sample.also]);
  return { sample, got, right: got.slice(0, 2).some((f) => wanted.has(f.id)) };
}

const pct = (a: number, b: number) => (b === 0 ? 0 : Math.round((1000 * a) / b) / 10);

export function score(samples: Sample[], set: string): Score {
  const outcomes = samples.map(judge);
  const failures = outcomes.filter((o) => o.sample.expect !== HEALTHY && o.sample.expect !== GAP);
  const healthy = outcomes.filter((o) => o.sample.expect === HEALTHY);
  const byKind: Score['byKind'] = {};
  for (const o of failures) {
    const k = (byKind[o.sample.kind] ??= { n: 0, right: 0 });
    k.n++;
    if (o.right) k.right++;
  }
  const names = (o: Outcome) => o.got.map((f) => `${f.id}(${f.guess ? 'guess' : f.severity})`);
  return {
    set,
    failures: failures.length,
    right: failures.filter((o) => o.right).length,
    healthy: healthy.length,
    falseAlarms: healthy.filter((o) => !o.right).length,
    gaps: outcomes.length - failures.length - healthy.length,
    rightPct: pct(failures.filter((o) => o.right).length, failures.length),
    falseAlarmPct: pct(healthy.filter((o) => !o.right).length, healthy.length),
    guessed: healthy.filter((o) => o.got.some((f) => f.guess)).length,
    wrong: failures.filter((o) => !o.right).map((o) => ({ file: o.sample.file, expect: o.sample.expect, got: names(o) })),
    alarms: healthy.filter((o) => !o.right).map((o) => ({ file: o.sample.file, got: names(o) })),
    byKind,
  };
}

function main(argv: string[]): void {
  const setArg = argv.includes('--set') ? argv[argv.indexOf('--set') + 1] : 'heldout';
  if (setArg !== 'all' && !SIDES.includes(setArg as SplitName)) throw new Error(`--set must be ${SIDES.join(', ')} or all, not ${setArg}`);
  const split = readSplit();
  const wanted = setArg === 'all' ? null : new Set(split[setArg as SplitName] ?? []);
  const samples = loadSamples().filter((s) => !wanted || wanted.has(s.file));
  const sides = sidesOf(split);
  const unsplit = loadSamples().filter((s) => !sides.has(s.file));
  if (unsplit.length) throw new Error(`${unsplit.length} samples are in no split (run npm run corpus:split): ${unsplit[0].file}`);
  if (argv.includes('--cv')) {
    // Trains on the tuning split only: refuse any other set rather than read held-out text.
    if (setArg !== 'tuning') throw new Error('--cv runs on the tuning set only: add --set tuning');
    // --rules-from out/…/classify.js: an older build's classify() (compiled apart) as the rules.
    const from = argv.includes('--rules-from') ? path.resolve(argv[argv.indexOf('--rules-from') + 1]) : undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module named at run time, loaded synchronously
    const rules = from ? (require(from) as { classify: Rules }).classify : undefined;
    process.stdout.write(crossValidate(samples, rules).join('\n') + '\n');
    return;
  }
  const s = score(samples, setArg);
  if (argv.includes('--json')) {
    process.stdout.write(JSON.stringify(s, null, 2) + '\n');
    return;
  }
  const out: string[] = [
    `diagnosis corpus, ${setArg} set: ${samples.length} samples (${s.failures} failures, ${s.healthy} healthy/benign, ${s.gaps} outside the catalog)`,
    `right finding among the first two: ${s.right}/${s.failures} = ${s.rightPct} %`,
    `false alarms (warning or error on healthy text): ${s.falseAlarms}/${s.healthy} = ${s.falseAlarmPct} %`,
    `healthy text given a possible-cause guess (info): ${s.guessed}/${s.healthy}`,
    'by input kind: ' + Object.entries(s.byKind).sort().map(([k, v]) => `${k} ${v.right}/${v.n}`).join(', '),
  ];
  if (argv.includes('--verbose') || !UNTUNED.includes(setArg as SplitName)) {
    // The held-out set's confusion list names files, not contents: enough to count, too little to tune on.
    for (const w of s.wrong) out.push(`  wrong  ${w.file}: expected ${w.expect}, got ${w.got.slice(0, 3).join(', ') || 'nothing'}`);
    for (const a of s.alarms) out.push(`  alarm  ${a.file}: ${a.got.join(', ')}`);
  } else {
    const confusion = new Map<string, number>();
    for (const w of s.wrong) {
      const key = `${w.expect} -> ${w.got[0]?.replace(/\(.*$/, '') ?? 'nothing'}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
    out.push('confusion (expected -> first finding):');
    for (const [k, n] of [...confusion].sort((a, b) => b[1] - a[1])) out.push(`  ${n} × ${k}`);
    const alarmIds = new Map<string, number>();
    for (const a of s.alarms) for (const g of a.got.filter((x) => !x.endsWith('(info)'))) alarmIds.set(g, (alarmIds.get(g) ?? 0) + 1);
    out.push('false alarms by finding: ' + ([...alarmIds].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'));
  }
  process.stdout.write(out.join('\n') + '\n');
}

if (require.main === module) main(process.argv.slice(2));
