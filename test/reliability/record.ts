// The reliability suites' own record: every fault and bad input appends one line to out/reliability/<suite>.jsonl,
// and scripts/reliabilityDoc.ts turns those lines into docs/reliability.md, so the page cannot drift from the tests.
import * as fs from 'fs';
import * as path from 'path';

export interface Outcome {
  suite: 'faults' | 'inputs' | 'security';
  /** Where the input or fault enters: cli, engine, extension, daemon… */
  surface: string;
  name: string;
  /** What the product did, in a few words (the error's first line, or the measured state). */
  result: string;
  exitCode?: number | null;
  /** Milliseconds until the state was right, or the command ended. */
  ms?: number;
  orphans?: number;
  pass: boolean;
}

const OUT = path.resolve(__dirname, '..', '..', 'reliability');

export function resetRecord(file: string): void {
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, `${file}.jsonl`), '');
}

export function record(file: string, o: Outcome): void {
  fs.mkdirSync(OUT, { recursive: true });
  fs.appendFileSync(path.join(OUT, `${file}.jsonl`), JSON.stringify(o) + '\n');
}

export function readRecords(): Outcome[] {
  if (!fs.existsSync(OUT)) return [];
  return fs.readdirSync(OUT).filter((f) => f.endsWith('.jsonl')).sort()
    .flatMap((f) => fs.readFileSync(path.join(OUT, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Outcome));
}

export const RECORD_DIR = OUT;

/** The closing line of a suite: the counts the issue asks to see. */
export function countsLine(all: Outcome[], listenersAdded: number): string {
  const faults = all.filter((o) => o.suite === 'faults');
  const inputs = all.filter((o) => o.suite === 'inputs');
  const orphans = all.reduce((n, o) => n + (o.orphans ?? 0), 0);
  return `reliability: faults survived ${faults.filter((o) => o.pass).length}/${faults.length}, inputs tried ${inputs.length} (${inputs.filter((o) => o.pass).length} handled), orphans found = ${orphans}, listeners added = ${listenersAdded}`;
}
