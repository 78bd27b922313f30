// The "possible cause" fallback: info findings from the words-only model (model.ts), marked as the weak guesses they
// are: up to two when no rule names a cause above info, one second cause beside a single rule's.
import { CATALOG, isCheckId, makeFinding } from '../catalog';
import { Finding } from '../../core/finding';
import { CAUSE_MODEL } from './trainedModel';
import { CauseModel, HEALTHY_CLASS, scoreClasses } from './model';
import { SalientLine, salientLines } from './tokens';

export interface GuessOptions {
  model?: CauseModel;
  /** Least probability of a cause for a guess. */
  minScore?: number;
  /** How much likelier the cause than a healthy text's complaint must be. */
  margin?: number;
  /** Least probability of a second cause beside the one a rule named. */
  secondOpinion?: number;
  /** A cause this likely is named even where a healthy text's complaint scores up to closeCall higher. */
  likely?: number;
  closeCall?: number;
}

// Chosen by cross-validation grouped by source thread on the tuning split (npm run score:diagnosis -- --set tuning --cv),
// the rules of 2026-11-22 standing for rules meeting unseen wording: a cause at least 5 % likely and no less likely
// than a healthy text's complaint; higher floors name fewer causes, a margin above 0 guesses on no fewer healthy texts.
export const GUESS_DEFAULTS = { minScore: 0.05, margin: 0 };
// Beside the one cause a rule named, a second only when the model is this sure of it (grouped cross-validation, 2026-12-03:
// 2 more of 725 tuning failures right, no healthy text touched: a rule's warning there is already an alarm). Lowered from
// 0.3 on 2026-12-06: 4 more of 3,447 right (3,180 against 3,176), 0.1 no better, alarms and guesses on healthy texts
// unchanged (68 and 80 of 2,693).
const SECOND_OPINION = 0.15;
// A cause this likely is named even where a healthy text's complaint scores a little higher (by up to CLOSE_CALL): grouped
// cross-validation, 2026-12-04: 4 more of 1,162 tuning failures right, one more of 651 healthy texts given a guess (info).
// Again on 2026-12-06 (3,447 and 2,693): 0.2 would name 7 more right for 12 more healthy texts given a guess, 0.3 4 fewer.
// 0.30 since 2026-12-08, with 3,000 weights a class (model.ts): that model at 0.25 named 10 more right but guessed on 12
// more healthy texts; at 0.30, 7 more right and as many healthy texts guessed on as before.
const LIKELY = 0.3;
const CLOSE_CALL = 0.2;

interface Guess {
  id: string;
  score: number;
  evidence: SalientLine;
}

/**
 * The causes a text's complaints (its warnings, errors and failure words, benign noise aside) are closest to, when
 * they look less like a healthy daemon's noise than like a cause. No stricter gate: one that asked for an error-level
 * line or a failed command (until 2026-12-03) kept quiet on 44 of the tuning split's failures that the rules of
 * 2026-11-22 missed (symptoms told as warnings or prose), and grouped cross-validation found the healthy class's margin
 * alone guesses on no more healthy texts (19 of 332 either way, info only) while naming the right cause for 6 more.
 */
export function guessCauses(text: string, opts: GuessOptions = {}): Guess[] {
  const { minScore, margin } = { ...GUESS_DEFAULTS, ...opts };
  const [likely, closeCall] = [opts.likely ?? LIKELY, opts.closeCall ?? CLOSE_CALL];
  const lines = salientLines(text);
  if (lines.length === 0) return [];
  const ranked = scoreClasses(opts.model ?? CAUSE_MODEL, lines);
  const healthy = ranked.find((c) => c.id === HEALTHY_CLASS)?.score ?? 0;
  return ranked
    .filter((c): c is Guess => c.id !== HEALTHY_CLASS && c.evidence !== undefined)
    .filter((c) => c.score >= minScore && (c.score >= healthy + margin || (c.score >= likely && c.score >= healthy - closeCall)))
    .slice(0, 2);
}

/**
 * Info findings for the guesses, after the rules' own: up to two when the rules found nothing above info, one (surer)
 * beside a single cause the rules named, none beside two.
 */
export function possibleCauses(text: string, fromRules: readonly Finding[], opts: GuessOptions = {}): Finding[] {
  const named = new Set(fromRules.filter((f) => f.severity !== 'info').map((f) => f.id));
  if (named.size > 1) return [];
  const known = new Set(fromRules.map((f) => f.id));
  return guessCauses(text, opts)
    .filter((g) => !known.has(g.id) && (named.size === 0 || g.score >= (opts.secondOpinion ?? SECOND_OPINION)))
    .slice(0, 2 - named.size)
    .flatMap((g) => {
      if (!isCheckId(g.id)) return [];
      const entry = CATALOG[g.id];
      const finding = makeFinding(g.id, g.evidence.raw, {
        severity: 'info',
        title: `Possible cause: ${entry.title}`,
        hint: `A weak match (model score ${g.score.toFixed(2)}): ${named.size === 0 ? 'no rule recognised this text, but its words are most like' : 'beside the cause a rule named, its words are also like'} past reports of this cause. ${entry.hint}`,
        fix: null,
        line: g.evidence.index + 1,
      });
      return [{ ...finding, confidence: Math.round(g.score * 100) / 100 }];
    });
}
