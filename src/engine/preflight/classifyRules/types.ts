// Shapes of the classifier's rules. Rules match on meaning, so each one lists the wordings that
// Docker 1.x..27.x, runc, containerd, the kernel and the dind entrypoints use for one cause.
import { CheckId } from '../catalog';
import { Severity } from '../../core/finding';
import { LogLevel } from '../normalize';

export type TextSource = 'daemon-log' | 'dmesg' | 'cli-error' | 'proc-cgroup' | 'docker-info' | 'auto';

/** What a rule's severity may depend on besides the message itself. */
export interface LineContext {
  /** The logger's level for the message (logfmt, logrus, JSON, CLI error), when the line says. */
  level?: LogLevel;
}

/** The program logged the line below error (debug, info, warning): it went on, so the line is at most a hint. */
export function loggedBelowError(ctx: LineContext): boolean {
  return ctx.level === 'debug' || ctx.level === 'info' || ctx.level === 'warning';
}

/** A rule's severity that is a hint where the program logged the line below error, else the catalog's. */
export function hintBelowError(_line: string, ctx: LineContext): Severity | undefined {
  return loggedBelowError(ctx) ? 'info' : undefined;
}

/**
 * One line is enough to recognise the cause. Patterns see the message after normalize.ts removed its
 * wrappers (journald prefix, logfmt/JSON record, escaped quotes), and fall back to the raw line.
 */
export interface LineRule {
  id: CheckId;
  pattern: RegExp;
  /**
   * Overrides the catalog severity, e.g. downgrading noise that healthy daemons also print. `null`
   * drops the hit: benign noise is never shown.
   */
  severity?: Severity | ((line: string, ctx: LineContext) => Severity | null | undefined);
  /** Restricts the rule to these sources; 'auto' always applies every rule. */
  sources?: TextSource[];
  /**
   * What to do, where this message says more than the catalog entry's hint (one wording of a cause whose general fix
   * does not apply); the entry's quick fix is then not offered.
   */
  hint?: string;
}

export interface TextHit {
  index: number;
  severity?: Severity;
  /** As LineRule's: what to do where this reading's general fix does not apply. */
  hint?: string;
}

/** Needs several lines (e.g. two iptables versions that disagree). */
export interface TextRule {
  id: CheckId;
  sources?: TextSource[];
  /** `lines` are raw; `messages[i]` is line i unwrapped (normalize.ts), its messages joined by newlines. */
  scan(lines: readonly string[], messages: readonly string[]): TextHit[];
}

/** A message healthy daemons print; with `levels`, benign only at those logger levels. */
export interface BenignLine {
  pattern: RegExp;
  levels?: readonly LogLevel[];
}

/** The first line saying `evidence`, counted only where some line says `context` (raw lines, or unwrapped messages). */
export function beside(id: CheckId, evidence: RegExp, context: RegExp, severity: Severity, on: 'lines' | 'messages' = 'lines'): TextRule {
  return {
    id,
    scan(lines, messages) {
      const texts = on === 'lines' ? lines : messages;
      if (!texts.some((t) => context.test(t))) return [];
      const index = texts.findIndex((t) => evidence.test(t));
      return index >= 0 ? [{ index, severity }] : [];
    },
  };
}
