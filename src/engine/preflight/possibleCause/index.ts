// The "possible cause" fallback: when no rule names a cause above info in a text that visibly reports a
// failure, up to two info findings from the words-only model (model.ts), marked as the weak guesses they are.
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
}

// Chosen by leave-one-thread-out cross-validation on the tuning split (npm run score:diagnosis -- --set tuning --cv),
// the rules of 2026-11-22 standing for rules meeting unseen wording: a cause at least 5 % likely and no less likely
// than a healthy text's complaint; higher floors name fewer causes, a margin above 0 guesses on no fewer healthy texts.
export const GUESS_DEFAULTS = { minScore: 0.05, margin: 0 };

// What a failed command or a dying daemon prints whatever the cause (the CLI's chain, a process's exit, and
// runc's wrapping of the error that stopped a container's start: "starting container process caused",
// "container init caused", from newSystemErrorWithCause in runc 1.0-rc to 1.0).
const FAILURE_CHAIN =
  /\b(?:Error response from daemon|failed to start daemon|Error starting daemon|error during connect|exit(?:ed)? (?:with )?(?:status|code):? [1-9]|starting container process caused|container init caused)/i;

// Without a level (CLI output, the kernel, CI logs), words that only a failure prints; weaker ones ("timeout",
// "unknown", "not found") also sit in flags, unit status and shells' chatter of working systems.
const STRONG_WORDS = /\b(?:error|failed|fatal|panic|denied|cannot|can't|could ?n[o']t|unable to|not permitted|no such file|no space|refused)\b/i;

/** The gate: an error-level message, a failed command's chain or failure words without a level, benign noise aside. */
export function reportsError(lines: readonly SalientLine[]): boolean {
  return lines.some((l) => l.level === 'error' || l.level === 'fatal' || FAILURE_CHAIN.test(l.raw) || (l.level === undefined && STRONG_WORDS.test(l.raw)));
}

interface Guess {
  id: string;
  score: number;
  evidence: SalientLine;
}

/** The causes a failure text's words are closest to, when it reports an error and looks unlike a healthy daemon's noise. */
export function guessCauses(text: string, opts: GuessOptions = {}): Guess[] {
  const { minScore, margin } = { ...GUESS_DEFAULTS, ...opts };
  const lines = salientLines(text);
  if (!reportsError(lines)) return [];
  const ranked = scoreClasses(opts.model ?? CAUSE_MODEL, lines);
  const healthy = ranked.find((c) => c.id === HEALTHY_CLASS)?.score ?? 0;
  return ranked
    .filter((c): c is Guess => c.id !== HEALTHY_CLASS && c.evidence !== undefined)
    .filter((c) => c.score >= minScore && c.score >= healthy + margin)
    .slice(0, 2);
}

/** Info findings for the guesses, after the rules' own (only when the rules found nothing above info). */
export function possibleCauses(text: string, fromRules: readonly Finding[], opts: GuessOptions = {}): Finding[] {
  if (fromRules.some((f) => f.severity !== 'info')) return [];
  const known = new Set(fromRules.map((f) => f.id));
  return guessCauses(text, opts)
    .filter((g) => !known.has(g.id))
    .flatMap((g) => {
      if (!isCheckId(g.id)) return [];
      const entry = CATALOG[g.id];
      const finding = makeFinding(g.id, g.evidence.raw, {
        severity: 'info',
        title: `Possible cause: ${entry.title}`,
        hint: `A weak match (model score ${g.score.toFixed(2)}): no rule recognised this text, but its words are most like past reports of this cause. ${entry.hint}`,
        fix: null,
        line: g.evidence.index + 1,
      });
      return [{ ...finding, confidence: Math.round(g.score * 100) / 100 }];
    });
}
