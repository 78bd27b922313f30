// Unwraps one line of failure text into the message(s) the software printed, before any rule looks
// at it. The same dockerd error reaches users in many wrappers: bare logrus text, a journald/syslog
// prefix, `docker logs --timestamps`, compose's `svc-1  | `, a JSON log record (json-file driver,
// logrus JSON formatter, Concourse/lager), a `docker:` CLI chain, and quotes escaped once per level
// of nesting (runc inside containerd inside dockerd inside the CLI). Rules are written against the
// message templates of the sources, so they only match once these wrappers are gone.

export type LogLevel = 'debug' | 'info' | 'warning' | 'error' | 'fatal';

export interface Message {
  /** The unwrapped message, quotes unescaped. */
  text: string;
  /** The level the logger gave it, when the line says (logfmt, logrus short form, JSON, CLI error). */
  level?: LogLevel;
}

const LEVELS: Record<string, LogLevel> = {
  trace: 'debug', debug: 'debug', debu: 'debug',
  info: 'info', notice: 'info',
  warn: 'warning', warning: 'warning',
  err: 'error', erro: 'error', error: 'error',
  fatal: 'fatal', fata: 'fatal', panic: 'fatal', pani: 'fatal', crit: 'fatal', critical: 'fatal',
  // zerolog's console writer (traefik, many Go tools): TRC DBG INF WRN ERR FTL PNC.
  trc: 'debug', dbg: 'debug', inf: 'info', wrn: 'warning', ftl: 'fatal', pnc: 'fatal',
};

function toLevel(word: string | undefined): LogLevel | undefined {
  return word === undefined ? undefined : LEVELS[word.toLowerCase()];
}

// Prefixes that carry no meaning for the rules. Each is stripped repeatedly (a journald line may hold
// a compose line that holds a timestamped line).
const PREFIXES: readonly RegExp[] = [
  // syslog / journalctl short format: "Sep 15 19:03:46 host dockerd[14620]: " (month names localised,
  // e.g. "дек 16"), and "2023-01-03T21:10:31+01:00 host dockerd[1]: " (journalctl -o short-iso).
  /^\p{L}{3,5}\.? {1,2}\d{1,2} \d\d:\d\d:\d\d(?:\.\d+)? \S+ [^\s:[]+(?:\[\d+\])?: /u,
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S* \S+ [^\s:[]+\[\d+\]: /,
  // A process tag without a date ("dockerd[123]: " or "dockerd: " before logfmt), as in /var/log/messages excerpts.
  /^[\w.-]+\[\d+\]: /,
  /^(?:dockerd|containerd|docker): (?=time=)/,
  // `docker logs --timestamps`, kubectl/CI timestamps: RFC 3339 then whitespace.
  // Go's time.Time printed with %v ("2017-08-27 00:18:05.53 +0000 UTC ") comes the same way.
  /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d|\s[+-]\d{4} [A-Z]{2,5})?\s+/,
  // Go's standard logger ("2023/07/12 10:53:22 "), and zerolog's console writer with a short clock ("2023/07/12 10:53AM ").
  /^\d{4}\/\d\d\/\d\d \d\d:\d\d(?::\d\d(?:\.\d+)?|[AP]M)\s+/,
  // docker compose service prefix: "traefik-1  | ".
  /^[\w.-]+\s+\| /,
  // Where pasted logs pass through: a Markdown quote ("> "), a clock without a date (Jenkins timestamper
  // "12:24:40  ", "[12:24:40] "), a bracketed ISO time (VS Code/devcontainers "[2023-08-08T21:36:04.521Z] "),
  // GitHub Actions annotations ("##[error]"), `kubectl logs --prefix` ("[pod/dind-0/dind] ").
  /^>(?: |$)/,
  /^\[?\d\d:\d\d:\d\d(?:[.,]\d+)?\]?\s+/,
  /^\[\d{4}-\d\d-\d\d[T ][^\]]*\]\s*/,
  /^##\[(?:error|warning|notice|debug|group|endgroup)\]/,
  /^\[pod\/[^\]\s]+\]\s+/,
  // Vagrant's machine prefix on what a provisioner ran in the box ("==> default: ").
  /^==> [\w.-]+: /,
  // The kernel ring's clock (dmesg "[  123.456789] ", dmesg -T "[Tue Dec  3 02:00:00 2026] "), and journalctl
  // -o short-monotonic, whose "host tag[pid]: " then follows without a date.
  /^\[\s*\d+\.\d+\]\s*/,
  /^\[\p{L}{3} \p{L}{3} {1,2}\d{1,2} \d\d:\d\d:\d\d \d{4}\]\s*/u,
  /^[\w.-]+ [\w.-]+\[\d+\]: /,
  // Docker Desktop's own logs after their bracketed time: "[com.docker.backend.exe][E] ".
  /^\[com\.docker\.[\w.-]+\](?:\[[A-Z]\])?\s*/,
  // A Markdown list item ("- ", "* ") and a terminal pane's box border (k9s, tmux: "│ … │") around a pasted line.
  /^[-*] (?=\S)/,
  /^[│┃]\s*/,
];
// The pane border's right side, and a line pasted as inline code (`…`).
const SUFFIXES: readonly RegExp[] = [/\s*[│┃]$/];
const INLINE_CODE = /^`([^`]+)`$/;

// logrus text formatter: time="…" level=error msg="…" error="…" (values quoted with Go %q escapes).
const LOGFMT_LEVEL = /(?:^|\s)level=("?)(\w+)\1(?=\s|$)/;
// A quoted value a pager or a terminal cut before its closing quote (`systemctl status` ends the line with ">") runs to
// the end of the line.
const LOGFMT_FIELD = /(?:^|\s)(msg|error|err)=("(?:[^"\\]|\\.)*(?:"|[\s>…]*$)|\S+)/g;
// logrus short form on a TTY: ERRO[0000] message  key=value
const LOGRUS_SHORT = /^(DEBU|INFO|WARN|ERRO|FATA|PANI)\[[^\]]*\]\s*(.*)$/;
// zerolog console: "ERR message key=value" (after the time, which the prefixes removed).
const ZEROLOG = /^(TRC|DBG|INF|WRN|ERR|FTL|PNC) (.*)$/;
// klog (kubelet, cAdvisor, Kubernetes components): "I0116 10:44:02.579347       1 factory.go:220] message".
const KLOG = /^([IWEF])\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ [\w.-]+:\d+\] (.*)$/;
const KLOG_LEVELS: Record<string, LogLevel> = { I: 'info', W: 'warning', E: 'error', F: 'fatal' };
// A level in brackets before the message ("[INFO] …", "[WARN] …"), as many Go and Java loggers print it.
const BRACKET_LEVEL = /^\[(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL|CRIT|CRITICAL)\]\s+(.*)$/;
// conmon (Podman's container monitor): "[conmon:d]: message" on stderr, the letter its level (utils.h nexit/nwarn/
// ninfo/ndebug), and "conmon <cid> <ndebug>: message" in syslog (Podman runs it with --syslog, so journalctl shows that).
const CONMON = /^\[conmon:([dewi])\]:?\s+(.*)$/;
const CONMON_SYSLOG = /^conmon \S{1,20} <n?(debug|info|warn|error|exit)>:\s+(.*)$/;
const CONMON_LEVELS: Record<string, LogLevel> = { d: 'debug', i: 'info', w: 'warning', e: 'error', debug: 'debug', info: 'info', warn: 'warning', error: 'error', exit: 'error' };
// The docker CLI (and compose, the Engine API clients) wrap the daemon's error in these.
const CLI_ERROR = /\b(?:Error response from daemon|Error starting daemon|failed to start daemon|error during connect)\b/i;

/** Go %q / JSON escapes, applied as many times as the text was quoted (runc errors nest 2-3 deep). */
export function unescape(text: string): string {
  let out = text
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"') // “smart” quotes from forums and rich-text issue bodies
    .replace(/[\u2018\u2019]/g, "'");
  // Past the fourth level (an Ansible task's JSON around a runc error) only while an escaped quote is left: a line's
  // other backslashes (a Windows path) are not unescaped for another's sake.
  for (let i = 0; i < 7 && /\\["\\nt]/.test(out) && (i < 4 || /\\"/.test(out)); i++) {
    out = out.replace(/\\(["\\nt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? ' ' : c));
  }
  return out;
}

/** A line without the prefixes a paste's transport put on it (timestamps, syslog and compose tags, quotes), trimmed. */
export function stripPrefixes(line: string): string {
  let out = line.trim();
  for (let changed = true, guard = 0; changed && guard < 6; guard++) {
    changed = false;
    const code = INLINE_CODE.exec(out);
    if (code) {
      out = code[1].trim();
      changed = true;
    }
    for (const re of [...PREFIXES, ...SUFFIXES]) {
      const next = out.replace(re, '');
      if (next !== out) {
        out = next.trim();
        changed = true;
      }
    }
  }
  return out;
}

function unquote(value: string): string {
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) return value.slice(1, -1);
  if (!value.startsWith('"')) return value;
  // Trimmed by a loop: a regex anchored at the end retries every run of spaces inside a long value.
  let end = value.length;
  while (end > 1 && /[\s>…]/.test(value[end - 1])) end--;
  return value.slice(1, end);
}

/** Every string inside a parsed JSON record, depth first (message, error, nested data.error, log…). */
function jsonStrings(value: unknown, out: string[], depth = 0): void {
  if (depth > 6) return;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => jsonStrings(v, out, depth + 1));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!/^(?:time|timestamp|ts|@timestamp|level|log\.level|severity|lvl|stream|source|session)$/i.test(k)) jsonStrings(v, out, depth + 1);
    }
  }
}

function fromJson(line: string): Message[] | undefined {
  if (!line.startsWith('{') || !line.endsWith('}')) return undefined;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  // Elastic Common Schema (Beats, Elastic Agent) names it "log.level".
  const levelValue = record.level ?? record.severity ?? record.lvl ?? record['log.level'];
  const level = typeof levelValue === 'string' ? toLevel(levelValue) : undefined;
  const strings: string[] = [];
  jsonStrings(record, strings);
  // A json-file log record's "log" value is itself a logfmt line: unwrap it again.
  return strings.flatMap((s) => s.split('\n')).flatMap((s) => unwrapOnce(s, level));
}

function fromLogfmt(line: string): Message[] | undefined {
  const lvl = LOGFMT_LEVEL.exec(line);
  if (!lvl || !/(?:^|\s)msg=/.test(line)) return undefined;
  const level = toLevel(lvl[2]);
  const parts: string[] = [];
  for (const m of line.matchAll(LOGFMT_FIELD)) parts.push(unquote(m[2]));
  // msg and error are one sentence in the source (log.WithError(err).Error(msg)): join them so a
  // template that spans both ("…failed" + ": driver not supported") still reads as printed.
  return unescape(parts.join(': ')).split('\n').map((text) => ({ text: text.trim(), level }));
}

function unwrapOnce(raw: string, inherited?: LogLevel): Message[] {
  const line = stripPrefixes(raw);
  const json = fromJson(line);
  if (json) return json;
  const logfmt = fromLogfmt(line);
  if (logfmt) return logfmt;
  const short = LOGRUS_SHORT.exec(line);
  if (short) return unescape(short[2]).split('\n').map((text) => ({ text: text.trim(), level: toLevel(short[1]) }));
  const zerolog = ZEROLOG.exec(line);
  if (zerolog) return unescape(zerolog[2]).split('\n').map((text) => ({ text: text.trim(), level: toLevel(zerolog[1]) }));
  const klog = KLOG.exec(line);
  if (klog) return unescape(klog[2]).split('\n').map((text) => ({ text: text.trim(), level: KLOG_LEVELS[klog[1]] }));
  const bracket = BRACKET_LEVEL.exec(line);
  if (bracket) return unescape(bracket[2]).split('\n').map((text) => ({ text: text.trim(), level: toLevel(bracket[1]) }));
  const conmon = CONMON.exec(line) ?? CONMON_SYSLOG.exec(line);
  if (conmon) return unescape(conmon[2]).split('\n').map((text) => ({ text: text.trim(), level: CONMON_LEVELS[conmon[1]] }));
  const level = inherited ?? (CLI_ERROR.test(line) ? 'error' : undefined);
  return unescape(line).split('\n').map((text) => ({ text: text.trim(), level }));
}

/**
 * The messages one raw line holds, unwrapped. Never empty for a non-blank line; a plain line comes
 * back as itself (trimmed), so rules written for bare text keep matching.
 */
export function normalizeLine(raw: string): Message[] {
  return unwrapOnce(raw).filter((m) => m.text !== '');
}
