/**
 * What the possible-cause fallback is worth, measured without the held-out set: grouped cross-validation on the
 * tuning split. Source threads fall into ten folds by a hash of their key (the same folds every run); each fold in
 * turn is left out of the model's training (its samples and any fixture from its threads), and its samples are
 * classified with the rules, then the fallback from that model. (Leave-one-thread-out, used until the tuning split
 * passed a thousand samples, trained a model per thread: most of an hour.)   npm run score:diagnosis -- --set tuning --cv
 */
import * as crypto from 'crypto';
import { classify } from '../../src/engine/preflight/classify';
import { Finding } from '../../src/engine/preflight';
import { CauseModel, docTokens, HEALTHY_CLASS, scoreClasses } from '../../src/engine/preflight/possibleCause/model';
import { GUESS_DEFAULTS, possibleCauses } from '../../src/engine/preflight/possibleCause';
import { salientLines } from '../../src/engine/preflight/possibleCause/tokens';
import { modelFrom, SourcedDoc, sourcedDocs } from './causeModel';
import { GAP, HEALTHY, Sample } from './corpus';

interface Fold {
  sample: Sample;
  rules: Finding[];
  /** Guesses after the rules' findings, and guesses as if no rule had matched (what the fallback adds where rules are blind). */
  guessed: (minScore: number, margin: number) => Finding[];
  masked: (minScore: number, margin: number) => Finding[];
  /** The model's two closest causes, no gate. */
  top2: string[];
  /** The model trained without this sample's fold. */
  model: CauseModel;
}

const pct = (a: number, b: number) => (b === 0 ? '0' : ((100 * a) / b).toFixed(1));

/** The rules' findings for a text: this build's by default, or an older classifier's (see crossValidate). */
export type Rules = (text: string) => Finding[];
const currentRules: Rules = (text) => classify(text, { guesses: false });

const FOLDS = 10;
const foldOf = (thread: string): number => crypto.createHash('sha256').update(thread).digest()[0] % FOLDS;

function folds(samples: readonly Sample[], rulesOf: Rules): Fold[] {
  const docs: SourcedDoc[] = sourcedDocs().map((d) => ({ ...d, tokens: docTokens(d) }));
  const threadOf = new Map(docs.filter((d) => d.sample).map((d) => [d.sample!, d.thread]));
  const models = new Map<number, ReturnType<typeof modelFrom>>();
  return samples.map((sample) => {
    const fold = foldOf(threadOf.get(sample.file) ?? sample.file);
    if (!models.has(fold)) models.set(fold, modelFrom(docs.filter((d) => foldOf(d.thread) !== fold)));
    const model = models.get(fold)!;
    const rules = rulesOf(sample.body);
    const lines = salientLines(sample.body);
    const top2 = scoreClasses(model, lines).filter((c) => c.id !== HEALTHY_CLASS).slice(0, 2).map((c) => c.id);
    return {
      sample,
      rules,
      guessed: (minScore, margin) => possibleCauses(sample.body, rules, { model, minScore, margin }),
      masked: (minScore, margin) => possibleCauses(sample.body, [], { model, minScore, margin }),
      top2,
      model,
    };
  });
}

const isRight = (s: Sample, found: readonly Finding[]) => found.slice(0, 2).some((f) => f.id === s.expect || s.also.includes(f.id));

/**
 * With `rules`, another classifier's rules stand in for this build's: the rules of a commit before the tuning set
 * was read (compiled apart) show what the fallback adds on texts the rules were not written against.
 */
export function crossValidate(samples: readonly Sample[], rules: Rules = currentRules): string[] {
  const all = folds(samples, rules);
  const failures = all.filter((f) => f.sample.expect !== HEALTHY && f.sample.expect !== GAP);
  const healthy = all.filter((f) => f.sample.expect === HEALTHY);
  const loud = (fs: readonly Finding[]) => fs.some((f) => f.severity !== 'info');
  const out = [
    `grouped ${FOLDS}-fold cross-validation (by source thread) on the tuning set: ${failures.length} failures, ${healthy.length} healthy/benign`,
    `model alone (no gate, no rules): right among its first two ${failures.filter((f) => f.top2.some((id) => id === f.sample.expect || f.sample.also.includes(id))).length}/${failures.length}`,
    `a complaint to read (a warning, an error or failure words, benign noise aside) in ${failures.filter((f) => salientLines(f.sample.body).length > 0).length}/${failures.length} failures, ${healthy.filter((f) => salientLines(f.sample.body).length > 0).length}/${healthy.length} healthy`,
    'minScore margin | rules right | rules+fallback right | false alarms | healthy with a guess | as if no rule matched: right, guessed',
  ];
  const grid = [[GUESS_DEFAULTS.minScore, GUESS_DEFAULTS.margin], ...[0.02, 0.05, 0.1, 0.2, 0.3].flatMap((m) => [0, 0.05, 0.1].map((g) => [m, g]))];
  for (const [minScore, margin] of grid) {
    const rulesRight = failures.filter((f) => isRight(f.sample, f.rules)).length;
    const withRight = failures.filter((f) => isRight(f.sample, [...f.rules, ...f.guessed(minScore, margin)])).length;
    const alarms = healthy.filter((f) => loud([...f.rules, ...f.guessed(minScore, margin)])).length;
    const noise = healthy.filter((f) => f.guessed(minScore, margin).length > 0).length;
    const masked = failures.map((f) => f.masked(minScore, margin));
    const maskedRight = failures.filter((f, i) => isRight(f.sample, masked[i])).length;
    const fired = masked.filter((m) => m.length > 0).length;
    out.push(
      `${minScore.toFixed(2)} ${margin.toFixed(2)} | ${rulesRight}/${failures.length} = ${pct(rulesRight, failures.length)} % | ` +
        `${withRight}/${failures.length} = ${pct(withRight, failures.length)} % | ${alarms}/${healthy.length} | ` +
        `${noise}/${healthy.length} = ${pct(noise, healthy.length)} % | ${maskedRight}/${failures.length} = ${pct(maskedRight, failures.length)} %, ${fired} guessed (${pct(maskedRight, fired)} % of guesses right)`,
    );
  }
  // The gates beside the grid's defaults: a second cause beside a rule's, and a likely cause close to a healthy complaint.
  out.push('secondOpinion likely closeCall | rules+fallback right | healthy with a guess');
  for (const [secondOpinion, likely, closeCall] of [[0.1, 0.3, 0.2], [0.15, 0.3, 0.2], [0.3, 0.3, 0.2], [0.15, 0.25, 0.2], [0.15, 0.35, 0.2]]) {
    const opts = { secondOpinion, likely, closeCall };
    const guessed = (f: Fold) => possibleCauses(f.sample.body, f.rules, { model: f.model, ...opts });
    const withRight = failures.filter((f) => isRight(f.sample, [...f.rules, ...guessed(f)])).length;
    const noise = healthy.filter((f) => guessed(f).length > 0).length;
    out.push(`${secondOpinion.toFixed(2)} ${likely.toFixed(2)} ${closeCall.toFixed(2)} | ${withRight}/${failures.length} = ${pct(withRight, failures.length)} % | ${noise}/${healthy.length}`);
  }
  return out;
}
