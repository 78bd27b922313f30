/**
 * Trains the possible-cause model (src/engine/preflight/possibleCause/) from the tuning split's samples, the
 * fixtures of test/fixtures/preflight and the catalog's prose, and writes it as trainedModel.json. Reads only the
 * files split.json puts on the tuning side, by name: never a held-out sample.   npm run corpus:model
 */
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG, isCheckId } from '../../src/engine/preflight/catalog';
import { trainCauseModel, TrainingDoc, HEALTHY_CLASS, CauseModel } from '../../src/engine/preflight/possibleCause/model';
import { packModel } from '../../src/engine/preflight/possibleCause/packing';
import { CORPUS_DIR, HEALTHY, parseSample, readSplit, SAMPLES_DIR, threadKey } from './corpus';

export const MODEL_FILE = path.join(CORPUS_DIR, '..', '..', '..', 'src', 'engine', 'preflight', 'possibleCause', 'trainedModel.json');
const FIXTURE_DIR = path.join(CORPUS_DIR, '..', '..', 'fixtures', 'preflight');

/** A training text and the thread it came from (cross-validation leaves threads out). */
export interface SourcedDoc extends TrainingDoc {
  thread: string;
  /** The tuning sample's file name; undefined for fixtures. */
  sample?: string;
}

function label(id: string): string | undefined {
  return id === HEALTHY ? HEALTHY_CLASS : isCheckId(id) ? id : undefined;
}

/** The tuning split's samples with a catalog id or `healthy`, then the fixtures, in a fixed order. */
export function sourcedDocs(): SourcedDoc[] {
  const docs: SourcedDoc[] = [];
  for (const file of [...readSplit().tuning].sort()) {
    const s = parseSample(file, fs.readFileSync(path.join(SAMPLES_DIR, file), 'utf8'));
    const l = label(s.expect);
    if (l) docs.push({ label: l, text: s.body, thread: threadKey(s.source || file), sample: file });
  }
  for (const folder of fs.readdirSync(FIXTURE_DIR).sort()) {
    const dir = path.join(FIXTURE_DIR, folder);
    const l = fs.statSync(dir).isDirectory() ? label(folder) : undefined;
    if (!l) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      const fx = parseSample(file, fs.readFileSync(path.join(dir, file), 'utf8'));
      docs.push({ label: l, text: fx.body, thread: threadKey(fx.source || `${folder}/${file}`) });
    }
  }
  return docs;
}

/** The catalog's title and hint of every cause that real texts taught the model, as one more text each. */
export function catalogDocs(labels: Iterable<string>): TrainingDoc[] {
  return [...new Set(labels)].filter(isCheckId).sort().map((id) => ({ label: id, text: `${CATALOG[id].title}\n${CATALOG[id].hint}`, allLines: true }));
}

/** The model from these texts (all of them for the committed one; all but a fold's thread in cross-validation). */
export function modelFrom(docs: readonly SourcedDoc[]): CauseModel {
  return trainCauseModel([...docs, ...catalogDocs(docs.map((d) => d.label))]);
}

/** JSON a reviewer can diff: a few vocabulary entries or idf values per line, one class (its packed weights) per line. */
export function renderModel(model: CauseModel): string {
  const rows = (xs: unknown[], n: number) =>
    Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => '    ' + xs.slice(i * n, i * n + n).map((x) => JSON.stringify(x)).join(', ')).join(',\n');
  const classes = packModel(model).classes.map((c) => `    ${JSON.stringify(c)}`).join(',\n');
  return `{\n  "vocabulary": [\n${rows(model.vocabulary, 8)}\n  ],\n  "idf": [\n${rows(model.idf, 16)}\n  ],\n  "classes": [\n${classes}\n  ]\n}\n`;
}

if (require.main === module) {
  const model = modelFrom(sourcedDocs());
  const text = renderModel(model);
  fs.writeFileSync(MODEL_FILE, text);
  process.stdout.write(`possible-cause model: ${model.classes.length} classes, ${model.vocabulary.length} tokens, ${Math.round(text.length / 1024)} KB -> ${path.relative(process.cwd(), MODEL_FILE)}\n`);
}
