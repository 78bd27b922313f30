// The diagnosis corpus: real public dind failure and healthy texts, one file each, in test/corpus/diagnosis/samples/,
// with the split between tuning and held-out samples recorded once in split.json. See test/corpus/diagnosis/README.md.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export const CORPUS_DIR = path.join(projectRoot(__dirname), 'test', 'corpus', 'diagnosis');
export const SAMPLES_DIR = path.join(CORPUS_DIR, 'samples');
export const SPLIT_FILE = path.join(CORPUS_DIR, 'split.json');

/** Labels that are not catalog ids: text from a working daemon, and real failures no catalog id names. */
export const HEALTHY = 'healthy';
export const GAP = 'none-of-catalog';

export interface Sample {
  file: string;
  source: string;
  /** The root cause, `healthy`, or `none-of-catalog`. */
  expect: string;
  /** Other ids that are also right for this text. */
  also: string[];
  kind: string;
  host: string;
  body: string;
}

export type SplitName = 'tuning' | 'heldout';
export interface Split {
  /** How the split was drawn, for the record. */
  method: string;
  tuning: string[];
  heldout: string[];
}

function projectRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

export function parseSample(file: string, text: string): Sample {
  const lines = text.split(/\r?\n/);
  const header: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length && lines[i].startsWith('# '); i++) {
    const m = /^#\s*([a-z-]+):\s*(.*)$/.exec(lines[i]);
    if (!m) break;
    header[m[1]] = header[m[1]] ? `${header[m[1]]}, ${m[2]}` : m[2];
  }
  const list = (v?: string) => (v ?? '').split(/[,|]/).map((s) => s.trim()).filter(Boolean);
  const [expect, ...more] = list(header.expect);
  return {
    file,
    source: header.source ?? '',
    expect: expect ?? '',
    also: [...more, ...list(header.also)],
    kind: header.kind ?? 'unknown',
    host: header.host ?? 'unknown',
    body: lines.slice(i).join('\n'),
  };
}

export function loadSamples(dir = SAMPLES_DIR): Sample[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseSample(f, fs.readFileSync(path.join(dir, f), 'utf8')));
}

export function readSplit(): Split {
  return JSON.parse(fs.readFileSync(SPLIT_FILE, 'utf8')) as Split;
}

/**
 * Puts every sample that the split does not know yet into one side, at random (one draw each, a third held out),
 * and never moves a sample that already has a side: the held-out set stays unseen by whoever tunes on the rest.
 */
export function extendSplit(split: Split, files: string[], heldOutShare = 1 / 3): { split: Split; added: string[] } {
  const known = new Set([...split.tuning, ...split.heldout]);
  const added = files.filter((f) => !known.has(f));
  const next: Split = { ...split, tuning: [...split.tuning], heldout: [...split.heldout] };
  for (const f of added) {
    const draw = crypto.randomInt(0, 1_000_000) / 1_000_000;
    (draw < heldOutShare ? next.heldout : next.tuning).push(f);
  }
  next.tuning.sort();
  next.heldout.sort();
  return { split: next, added };
}
