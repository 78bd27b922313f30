// From any failure text (dockerd log, dmesg, docker CLI error, /proc/1/cgroup, `docker info`,
// or a mix of them) to findings, root cause first.
import { CATALOG, docsAnchor, isCheckId, makeFinding } from './catalog';
import {
  LINE_RULES,
  LineRule,
  TEXT_RULES,
  TextSource,
  WRAPPER_LINE,
} from './classifyRules';
import { severityFromContext, hitsInContext } from './context';
import { Finding, isSeverity, Severity } from '../core/finding';
import { atColumn, judgeLine, splitLines } from './messages';
import { Message, normalizeLine, stripPrefixes } from './normalize';
import { dedupeFindings, orderFindings, withoutDisabled } from './order';
import { GuessOptions, possibleCauses } from './possibleCause';

export type { TextSource } from './classifyRules';

export interface ClassifyOptions {
  source?: TextSource;
  /** Check ids to leave out (the dind.preflight.disabledChecks setting). */
  disabled?: readonly string[];
  /**
   * The "possible cause" fallback (possibleCause/): guesses offered as info findings after the rules' own when
   * no rule found anything above info. `false` for the rules alone; options to try another model or gate.
   */
  guesses?: false | GuessOptions;
}

function applies(rule: { sources?: readonly TextSource[] }, source: TextSource): boolean {
  return source === 'auto' || !rule.sources || rule.sources.includes(source);
}

/** The rule's severity for this message; null when the rule calls it benign noise. */
function severityFor(rule: LineRule, msg: Message): Severity | null | undefined {
  return typeof rule.severity === 'function' ? rule.severity(msg.text, { level: msg.level }) : rule.severity;
}

/**
 * The first message of the line the rule matches. Rules see unwrapped messages; the raw line is a
 * fallback for patterns written against a wrapper itself (none should need it, it costs nothing).
 */
function matchRule(rule: LineRule, raw: string, messages: readonly Message[], rawFallback = true): Message | undefined {
  const hit = messages.find((m) => rule.pattern.test(m.text));
  if (hit || !rawFallback || messages.some((m) => m.text === raw.trim())) return hit;
  return rule.pattern.test(raw) ? { text: raw, level: messages[0]?.level } : undefined;
}

/** A rule's own hint replaces the catalog's, and the catalog's quick fix with it. */
const ruleHint = (rule: { hint?: string }) => (rule.hint ? { hint: rule.hint, fix: null } : {});

function wrapperFinding(line: string, index: number): Finding | undefined {
  const m = WRAPPER_LINE.exec(line);
  if (!m) {
    return undefined;
  }
  const [, level, id, message] = m;
  const severity: Severity = isSeverity(level) ? level : 'warning';
  const evidence = line.trim();
  if (isCheckId(id)) {
    return makeFinding(id, evidence, { severity, line: index + 1 });
  }
  // An id this build does not know yet: keep the wrapper's words rather than drop the warning.
  return { id, severity, title: message || id, evidence, hint: 'Reported by the nested-docker entrypoint wrapper.', docs: docsAnchor(id), line: index + 1 };
}

// A record a program prints one per line (mountinfo, /proc/mounts, /proc/<pid>/cgroup v1, `ls -l`, an audit record):
// never the rest of the line before. (Joining every row of a 5,000-line mount table or audit log to the next made
// classify() take seconds.)
const TABLE_ROW = /^(?:\d+ \d+ \d+:\d+ \/|\d+:[\w,=]*:\/|[-dlcbsp][rwxsStT-]{9}[.+@]?\s+\d|\S+ \/\S* \S+ \S+ \d+ \d+$|(?:node=\S+ )?type=\w+ msg=audit\(|audit: type=\d+ )/;

// A shell's own diagnostic, named and numbered (dash's "/bin/sh: 1: %s", bash's "bash: line 1: %s", a script's
// "./entrypoint.sh: line 12: %s", zsh's "zsh:1: %s", ksh's "ksh[2]: %s"): a new message.
const SHELL_DIAGNOSTIC = /^(?:\S*\/)?(?:(?:(?:ba|da|a)?sh|[\w.-]+\.sh): (?:line )?\d+: |zsh:\d+: |k?sh\[\d+\]: )/;

/** A bare continuation: no wrapper, prefix or level of its own, nor a shell prompt, trace or diagnostic, nor a table's row. */
function isContinuation(raw: string): boolean {
  const text = raw.trim();
  if (text === '' || /^(?:[$#+>]\s|\S+@\S+:\S*[$#])/.test(text) || SHELL_DIAGNOSTIC.test(text) || TABLE_ROW.test(text) || WRAPPER_LINE.test(raw)) return false;
  const own = normalizeLine(raw);
  return own.length === 1 && own[0].text === text && own[0].level === undefined;
}

// How many lines one wrapped sentence may span (a runc error at 80 columns takes four; a line at a column: messages.ts).
const MAX_WRAPPED = 4;

// A wrapped sentence worth joining says something went wrong in one of its pieces: prose and listings without a word of
// complaint are not tried against every rule (3,000 lines of prose took seconds).
const COMPLAINT = /err|fail|denied|not permitted|permission|no such|cannot|can't|unable|invalid|refus|unknown|not found|not supported|missing|exceed|no space|read-only|time(?:d )?out|kill|panic|fatal|warn|busy|not mounted|does not exist|doesn't exist|unreachable|could ?n[o']t|incompatible|mismatch|disabled|abort|\bE[A-Z]{2,}\b|violation|forbidden|full\b|prevent|too (?:old|new)\b/i;

/**
 * A sentence that a terminal, a CI log or an issue's 80 columns wrapped onto the next lines: every line rule also
 * reads the line's last message joined with up to three bare continuation lines, by a space (wrapped at a word) or by
 * nothing (cut at the column, mid-word). Only hits that no shorter join and no single line makes alone count (each
 * was judged already); the evidence is the first line.
 */
function wrappedFindings(lines: readonly string[], messages: readonly Message[][], source: TextSource): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const head = messages[i][messages[i].length - 1];
    if (!head) continue;
    // Past the first continuation, and cut mid-word at all, only where the line before reaches a column (60+).
    const tails: string[] = [];
    for (let j = i + 1; j < lines.length && j <= i + MAX_WRAPPED - 1 && isContinuation(lines[j]) && (j === i + 1 || atColumn(lines[j - 1])); j++) {
      tails.push(lines[j].trim());
    }
    if (tails.length === 0 || !(COMPLAINT.test(head.text) || tails.some((t) => COMPLAINT.test(t)))) continue;
    const fired = new Set<LineRule>();
    for (const sep of atColumn(lines[i]) ? [' ', ''] : [' ']) {
      let before = head.text;
      for (const tail of tails) {
        const joined: Message = { text: `${before}${sep}${tail}`, level: head.level };
        for (const rule of LINE_RULES) {
          if (fired.has(rule) || !applies(rule, source) || !rule.pattern.test(joined.text) || rule.pattern.test(before) || rule.pattern.test(tail)) continue;
          fired.add(rule);
          const severity = severityFor(rule, joined);
          if (severity !== null) out.push(makeFinding(rule.id, lines[i].trim(), { severity, line: i + 1, ...ruleHint(rule) }));
        }
        before = joined.text;
      }
    }
  }
  return out;
}

export function classify(text: string, opts: ClassifyOptions = {}): Finding[] {
  const source = opts.source ?? 'auto';
  const lines = splitLines(text);
  const found: Finding[] = [];
  const unwrapped: string[] = [];
  const judgedMessages: Message[][] = [];
  lines.forEach((line, index) => {
    unwrapped.push('');
    judgedMessages.push([]);
    if (line.trim() === '') {
      return;
    }
    const fromWrapper = wrapperFinding(line, index);
    if (fromWrapper) {
      found.push(fromWrapper);
      return;
    }
    const { messages, hadNoise } = judgeLine(line);
    // A line that holds benign noise is judged on its other messages only: the raw fallback would
    // find the noise again (a logfmt record whose error field names iptables, for instance).
    const rawFallback = !hadNoise;
    unwrapped[index] = messages.map((m) => m.text).join('\n');
    judgedMessages[index] = messages;
    if (messages.length === 0) {
      return;
    }
    for (const rule of LINE_RULES) {
      const msg = applies(rule, source) ? matchRule(rule, line, messages, rawFallback) : undefined;
      const severity = msg && severityFor(rule, msg);
      if (msg && severity !== null) {
        found.push(makeFinding(rule.id, line.trim(), { severity, line: index + 1, ...ruleHint(rule) }));
      }
    }
  });
  found.push(...wrappedFindings(lines, judgedMessages, source));
  // Rules over several lines read the lines without the prefixes a paste's transport put on each (CI and `docker logs`
  // timestamps, compose's "name | ", kubectl's "[pod/…]"), where there are any: a /proc file or table behind them is the
  // same table, and what tells it apart (a v1 line beside it) reads only there. The raw lines where that view finds
  // nothing (a rule that reads indentation).
  const bare = lines.map((l) => stripPrefixes(l));
  const prefixed = bare.some((l, i) => l !== lines[i].trim());
  for (const rule of TEXT_RULES) {
    if (!applies(rule, source)) {
      continue;
    }
    const stripped = prefixed ? rule.scan(bare, unwrapped) : [];
    for (const hit of stripped.length ? stripped : rule.scan(lines, unwrapped)) {
      found.push(makeFinding(rule.id, lines[hit.index].trim(), { severity: hit.severity, line: hit.index + 1, ...ruleHint(hit) }));
    }
  }
  // Findings reach dedupe in line order, so each id keeps its earliest strongest evidence.
  found.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const judged = severityFromContext(dedupeFindings(hitsInContext(found, lines)), unwrapped);
  const ruled = orderFindings(withoutDisabled(judged, opts.disabled));
  // Guesses come last, whatever their rank: a rule's finding always reads before a guess.
  // /proc/1/cgroup and `docker info` are facts a check reads for one finding, not failure reports: no guesses there.
  const guessing = opts.guesses !== false && source !== 'proc-cgroup' && source !== 'docker-info';
  const guessed = guessing ? possibleCauses(text, ruled, opts.guesses || {}) : [];
  return [...ruled, ...withoutDisabled(guessed, opts.disabled)];
}

/** Exposed for tests and the docs generator: every id a text can produce. */
export function classifiableIds(): string[] {
  const ids = new Set<string>([...LINE_RULES.map((r) => r.id), ...TEXT_RULES.map((r) => r.id)]);
  return Object.keys(CATALOG).filter((id) => ids.has(id));
}
