// Words of failure text for the possible-cause model: the messages the software printed (wrappers gone,
// normalize.ts), only the lines that report something wrong, without what differs between two reports
// of one cause (ids, numbers, paths' variable parts, times), as words and adjacent pairs.
import { LINE_RULES } from '../classifyRules';
import { judgeLine, splitLines } from '../messages';
import { LogLevel, Message } from '../normalize';

/** One line of the text that reports something wrong, with its tokens. */
export interface SalientLine {
  /** 0-based index in the text's lines. */
  index: number;
  raw: string;
  level?: LogLevel;
  tokens: string[];
}

// Words that say a message reports a failure when the logger gave it no level (plain CLI output, dmesg, CI logs).
const FAILURE_WORDS =
  /\b(?:error|errors|err|fail(?:ed|ure|s|ing)?|fatal|panic|denied|cannot|can't|could ?n[o']t|unable|not permitted|no such|not found|invalid|refused|timed? ?out|no space|killed|unsupported|not supported|missing|read-only|unknown|exit(?:ed)? (?:status|code) [1-9])\b/i;
// Routine output of a working client that reads like a failure (docker/cli pull.go: "Unable to find image '%s'
// locally" before every first pull).
const ROUTINE = /^Unable to find image '[^']*' locally$/;
const LOUD_LEVELS: readonly (LogLevel | undefined)[] = ['warning', 'error', 'fatal'];

// Words that carry no cause (negations and "no" stay: "no space", "not permitted", "not supported").
const STOP = new Set(
  'a an the to of in on at by for with from and or as is are was were be been this that it its into via than then there here while when which who has have had do does did will would should can could may might'
    .split(' '),
);

/** Replacements before splitting into words, so that variable parts fall away or become one class word. */
const SCRUB: readonly [RegExp, string][] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, ' '], // UUIDs
  [/\b(?=[0-9a-f]*\d)[0-9a-f]{12,}\b/gi, ' '], // container, layer and image ids
  [/\bsha256:\S*/gi, ' '],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?(?:\/\d+)?\b/g, ' ipaddr '],
  [/\bhttps?:\/\/\S+/gi, ' url '],
  [/\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d\S*/g, ' '],
];

function cleanWord(w: string): string | undefined {
  const word = w.replace(/^_+|_+$/g, '');
  if (word.length < 2 || STOP.has(word)) return undefined;
  // Words of digits and letters (container names' suffixes, hex, versions) vary between reports; a few such
  // words name a thing (overlay2, ipv6, cgroup2, v1, x86_64) and keep their form.
  if (/\d/.test(word) && !/^(?:[a-z_]+\d{1,2}|v\d|x86_64|ipv[46]|ip6tables)$/.test(word)) return undefined;
  return word;
}

/** Words then adjacent pairs ("operation not permitted" gives operation, not, permitted, operation not, not permitted). */
export function tokenize(text: string): string[] {
  let s = text.toLowerCase();
  for (const [re, to] of SCRUB) s = s.replace(re, to);
  const words = (s.match(/[a-z0-9_]+(?:'t)?/g) ?? []).map(cleanWord).filter((w): w is string => w !== undefined);
  const pairs = words.slice(1).map((w, i) => `${words[i]} ${w}`);
  return [...words, ...pairs];
}

// Rules whose severity depends on the message: where one calls a message benign noise (null), the model must not
// read it as a complaint either (containerd's "cannot find cgroup mount destination" below error level).
const CONDITIONAL = LINE_RULES.filter((r) => typeof r.severity === 'function');

function ruledBenign(m: Message): boolean {
  return CONDITIONAL.some((r) => r.pattern.test(m.text) && typeof r.severity === 'function' && r.severity(m.text, { level: m.level }) === null);
}

/** Does this message report something wrong (a warning or worse, or failure words without a level)? */
function reportsFailure(m: Message): boolean {
  if (ROUTINE.test(m.text) || ruledBenign(m)) return false;
  return LOUD_LEVELS.includes(m.level) || (m.level === undefined && FAILURE_WORDS.test(m.text));
}

/**
 * The lines of a text that report something wrong, benign noise left out, each with its tokens. With
 * `all`, every non-blank line (training texts such as `docker info` or /proc/1/cgroup report nothing by level).
 */
export function salientLines(text: string, all = false): SalientLine[] {
  const out: SalientLine[] = [];
  splitLines(text).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const { messages } = judgeLine(raw);
    const loud = all ? messages : messages.filter(reportsFailure);
    if (loud.length === 0) return;
    const tokens = loud.flatMap((m) => tokenize(m.text));
    if (tokens.length) out.push({ index, raw: raw.trim(), level: loud.find((m) => m.level)?.level, tokens });
  });
  return out;
}
