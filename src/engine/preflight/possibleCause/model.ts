// A small TF-IDF nearest-centroid model over the tokens of failure lines (tokens.ts): one centroid per
// catalog id seen in real reports, and one for `healthy` (what benign texts complain about), so that a guess
// is only offered where the text looks more like a past failure than like the noise of a working daemon.
// Trained by scripts/diagnosis/causeModel.ts from the tuning split and the fixtures, never by hand.
import { SalientLine, salientLines } from './tokens';

export const HEALTHY_CLASS = 'healthy';

export interface CauseModel {
  vocabulary: string[];
  /** Inverse document frequency of each vocabulary entry. */
  idf: number[];
  /** Sorted by id (healthy: one exemplar per text); each centroid is sparse (indices into the vocabulary), of unit length. */
  classes: { id: string; features: number[]; weights: number[] }[];
}

export interface TrainingDoc {
  label: string;
  text: string;
  /** Read every line (catalog prose, `docker info`), not only the lines that report a failure. */
  allLines?: boolean;
  /** The text's tokens when already known (cross-validation trains hundreds of times on the same texts). */
  tokens?: string[];
}

/** A token kept only when this many training texts hold it: rarer ones are one report's ids and names. */
const MIN_DOCS = 2;
/** The heaviest words of each centroid kept: enough to tell causes apart, a model of tens of KB. */
const TOP_FEATURES = 300;

const round = (x: number) => Math.round(x * 10000) / 10000;

export function docTokens(doc: TrainingDoc): string[] {
  if (doc.tokens) return doc.tokens;
  const loud = doc.allLines ? [] : salientLines(doc.text);
  return (loud.length ? loud : salientLines(doc.text, true)).flatMap((l) => l.tokens);
}

/** Sublinear term frequency times idf, of unit length. */
function weigh(tokens: readonly string[], idf: ReadonlyMap<string, number>): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of tokens) if (idf.has(t)) tf.set(t, (tf.get(t) ?? 0) + 1);
  const v = new Map<string, number>();
  for (const [t, n] of tf) v.set(t, (1 + Math.log(n)) * idf.get(t)!);
  const norm = Math.sqrt([...v.values()].reduce((a, x) => a + x * x, 0)) || 1;
  for (const [t, x] of v) v.set(t, x / norm);
  return v;
}

/** Deterministic: the same documents in any order give the same model. */
export function trainCauseModel(docs: readonly TrainingDoc[]): CauseModel {
  // Sorted by content, so that neither the sums' float rounding nor the exemplars' order depend on the input's order.
  const tokenised = docs
    .map((d) => ({ label: d.label, tokens: docTokens(d), key: '' }))
    .filter((d) => d.tokens.length > 0)
    .map((d) => ({ ...d, key: `${d.label}\u0000${d.tokens.join('\u0001')}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const df = new Map<string, number>();
  for (const d of tokenised) for (const t of new Set(d.tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [t, n] of df) if (n >= MIN_DOCS) idf.set(t, round(Math.log((tokenised.length + 1) / (n + 1)) + 1));
  // Causes are centroids; healthy texts stay one exemplar each (their complaints, a pull denied or a rate
  // limit, share no words with each other), so a text is judged against the benign report most like it.
  const sums = new Map<string, { id: string; sum: Map<string, number> }>();
  tokenised.forEach((d, i) => {
    const key = d.label === HEALTHY_CLASS ? `${d.label}\u0000${String(i).padStart(5, '0')}` : d.label;
    const entry = sums.get(key) ?? { id: d.label, sum: new Map<string, number>() };
    sums.set(key, entry);
    for (const [t, x] of weigh(d.tokens, idf)) entry.sum.set(t, (entry.sum.get(t) ?? 0) + x);
  });
  const centroids = [...sums.keys()].sort().map((key) => {
    const { id, sum } = sums.get(key)!;
    const top = [...sum].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP_FEATURES);
    const norm = Math.sqrt(top.reduce((a, [, x]) => a + x * x, 0)) || 1;
    return { id, top: top.map(([t, x]) => [t, round(x / norm)] as const).filter(([, x]) => x > 0) };
  });
  const vocabulary = [...new Set(centroids.flatMap((c) => c.top.map(([t]) => t)))].sort();
  const index = new Map(vocabulary.map((t, i) => [t, i]));
  return {
    vocabulary,
    idf: vocabulary.map((t) => idf.get(t)!),
    classes: centroids.map((c) => {
      const sorted = [...c.top].sort((a, b) => index.get(a[0])! - index.get(b[0])!);
      return { id: c.id, features: sorted.map(([t]) => index.get(t)!), weights: sorted.map(([, x]) => x) };
    }),
  };
}

export interface ClassScore {
  id: string;
  /** Cosine similarity of the text to the class centroid, 0..1. */
  score: number;
  /** The line whose words weighed most for this class. */
  evidence?: SalientLine;
}

/** Every class, closest first. */
// The model as maps, built once per model (classify() runs on every daemon log preflight reads).
const indexed = new WeakMap<CauseModel, { idf: Map<string, number>; classes: Map<string, number>[] }>();

function maps(model: CauseModel): { idf: Map<string, number>; classes: Map<string, number>[] } {
  let m = indexed.get(model);
  if (!m) {
    m = {
      idf: new Map(model.vocabulary.map((t, i) => [t, model.idf[i]])),
      classes: model.classes.map((c) => new Map(c.features.map((f, i) => [model.vocabulary[f], c.weights[i]]))),
    };
    indexed.set(model, m);
  }
  return m;
}

export function scoreClasses(model: CauseModel, lines: readonly SalientLine[]): ClassScore[] {
  const { idf, classes } = maps(model);
  const q = weigh(lines.flatMap((l) => l.tokens), idf);
  const scored = model.classes.map((c, ci) => {
    const w = classes[ci];
    let score = 0;
    for (const [t, x] of q) score += x * (w.get(t) ?? 0);
    let evidence: SalientLine | undefined;
    let best = 0;
    for (const l of lines) {
      const weight = [...new Set(l.tokens)].reduce((a, t) => a + (q.get(t) ?? 0) * (w.get(t) ?? 0), 0);
      if (weight > best) [best, evidence] = [weight, l];
    }
    return { id: c.id, score, evidence };
  });
  return scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}
