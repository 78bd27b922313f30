// The stored form of a class's weights: one string of base64url varints, each pair (gap to the previous feature index,
// weight × 10,000 zigzag-encoded). The classes' 3,000 weights each cost 1.16 MB as JSON arrays of indices and decimals and
// 0.34 MB packed (the whole file, vocabulary and idf included, 0.72 MB); the weights are rounded to 1e-4 by training, so
// unpacking gives back exactly the trained numbers.
import type { CauseModel } from './model';

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map([...DIGITS].map((d, i) => [d, i]));
const SCALE = 10_000;

/** The model as trainedModel.json holds it. */
export interface PackedCauseModel {
  vocabulary: string[];
  idf: number[];
  classes: { id: string; bias: number; packed: string }[];
}

const STALE = 'trainedModel.json is not in the packed form this build reads: run npm run corpus:model';

function varint(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`cannot pack ${n}: features must ascend and weights be finite`);
  let out = '';
  do {
    const low = n % 32;
    n = Math.floor(n / 32);
    out += DIGITS[low + (n > 0 ? 32 : 0)];
  } while (n > 0);
  return out;
}

export function packWeights(features: readonly number[], weights: readonly number[]): string {
  let out = '';
  let previous = 0;
  features.forEach((f, i) => {
    if (i > 0 && f <= previous) throw new Error(`cannot pack feature ${f} after ${previous}: features must ascend`);
    const q = Math.round(weights[i] * SCALE);
    out += varint(f - previous) + varint(q < 0 ? -2 * q - 1 : 2 * q);
    previous = f;
  });
  return out;
}

export function unpackWeights(packed: string): { features: number[]; weights: number[] } {
  if (typeof packed !== 'string') throw new Error(STALE);
  const numbers: number[] = [];
  let n = 0;
  let scale = 1;
  for (const ch of packed) {
    const v = VALUE.get(ch);
    if (v === undefined) throw new Error(`${STALE} ("${ch}" is no packed weight digit)`);
    n += (v % 32) * scale;
    scale *= 32;
    if (v < 32) [numbers[numbers.length], n, scale] = [n, 0, 1];
  }
  if (scale !== 1 || numbers.length % 2 !== 0) throw new Error(`${STALE} (a packed class ends mid-weight)`);
  const features: number[] = [];
  const weights: number[] = [];
  for (let i = 0, f = 0; i + 1 < numbers.length; i += 2) {
    f += numbers[i];
    const z = numbers[i + 1];
    features.push(f);
    weights.push((z % 2 ? -(z + 1) / 2 : z / 2) / SCALE);
  }
  return { features, weights };
}

export function packModel(model: CauseModel): PackedCauseModel {
  return { ...model, classes: model.classes.map((c) => ({ id: c.id, bias: c.bias, packed: packWeights(c.features, c.weights) })) };
}

export function unpackModel(stored: PackedCauseModel): CauseModel {
  return { ...stored, classes: stored.classes.map((c) => ({ id: c.id, bias: c.bias, ...unpackWeights(c.packed) })) };
}
