// A text's lines and the messages each holds once unwrapped, benign noise set apart: what the rules
// and the possible-cause fallback both read.
import { BENIGN_LINES } from './classifyRules';
import { Message, normalizeLine } from './normalize';

// Colour codes from `docker logs` of a TTY container, CRs from Windows or progress output.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

// What copying from a web page leaves in a log: no-break and other fixed-width spaces for spaces, zero-width
// characters between words, and HTML's escapes of quotes and brackets (a page's source, a scraped thread).
const WIDE_SPACES = /[\u00a0\u2007\u202f]/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const HTML_ESCAPES: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&', nbsp: ' ' };
const HTML_ESCAPE = /&(?:(quot|apos|lt|gt|amp|nbsp)|#(\d{1,5})|#x([0-9a-f]{1,4}));/gi;

function fromHtml(text: string): string {
  return text.replace(HTML_ESCAPE, (_m, name: string | undefined, dec: string | undefined, hex: string | undefined) =>
    name ? HTML_ESCAPES[name.toLowerCase()] : String.fromCharCode(dec ? Number(dec) : parseInt(hex!, 16)),
  );
}

// An audit record (auditd, the kernel ring, setroubleshoot's raw AVC) wrapped by a mail, an issue's code block or a
// terminal: the lines after its head hold only its key=value fields (and an avc's "{ perm }" set).
const AUDIT_HEAD = /\bapparmor="|\bavc:\s+denied\b|\btype=(?:AVC|USER_AVC|1400|1107)\b|\baudit\(\d+\.\d+:\d+\)/i;
// Fields separated by spaces (an unquoted value holds no "=", so each token ends where it must: no backtracking), at
// least one of them an audit record's own, none a logfmt record's (dockerd's lines interleave with the kernel's).
const AUDIT_FIELDS = /^\s*(?:(?:[a-z_]+=(?:"[^"]*"|'[^']*'|[^\s"'=]+)|\{[^}]*\}|for)(?:\s+|$))+$/i;
const AUDIT_KEY = /(?:^|\s)(?:pid|comm|profile|name|operation|requested_mask|denied_mask|peer|scontext|tcontext|tclass|permissive|dev|ino|exe|subj|fstype|srcname|flags|capability|capname|signal|label|ouid|fsuid)=/;
const LOGFMT_KEY = /(?:^|\s)(?:time|ts|level|lvl|msg|caller|module|source)=/;
const isAuditContinuation = (line: string): boolean => AUDIT_FIELDS.test(line) && AUDIT_KEY.test(line) && !LOGFMT_KEY.test(line);
const MAX_AUDIT_CONTINUATIONS = 4;

/** Each wrapped audit record joined onto its head line; the lines it took stay, blank, so line numbers hold. */
function joinAuditRecords(lines: string[]): string[] {
  for (let i = 0; i < lines.length; i++) {
    if (!AUDIT_HEAD.test(lines[i])) continue;
    for (let j = i + 1; j < lines.length && j <= i + MAX_AUDIT_CONTINUATIONS && isAuditContinuation(lines[j]) && !AUDIT_HEAD.test(lines[j].replace(/\bapparmor="[^"]*"/, '')); j++) {
      lines[i] = `${lines[i].trimEnd()} ${lines[j].trim()}`;
      lines[j] = '';
    }
  }
  return lines;
}

// containerd's mount error ("mount source: %q, target: %q, fstype: %s, flags: %d, data: %q, err: %w"), whose data holds
// every layer's path, so a terminal or a page breaks it over many lines: its pieces joined up to the line with the error
// (and the rest of that line where a terminal cut it at its column). A piece is a field or an option of the struct, a
// path, or any text right after a line cut at a column; never a blank line, a new record or a table's row.
const MOUNT_STRUCT_HEAD = /\bmount source: "/;
const MOUNT_STRUCT_ERR = /(?:^|[\s,])err: \S/;
const STRUCT_PIECE = /^\s*(?:(?:target|fstype|flags|data|err): |[\w-]+=|"?\/|\[\.\.\.|\.\.\.)/;
const NEW_RECORD = /^\s*(?:\d{4}-\d\d-\d\d[T ]|\w+=\S|[A-Z]{4}\[|\[\s*\d|\p{L}{3} +\d{1,2} \d\d:|\S+@\S+[$#]|[$#>] )|^\S+ \/\S* \S+ \S+ \d+ \d+$/u;
const MAX_MOUNT_STRUCT_CHARS = 16_000;
/** A line that reaches a terminal's or a page's column (60+): the text may run on, cut mid-word, on the next line. */
export const atColumn = (line: string): boolean => line.trimEnd().length >= 60;

function isStructPiece(previous: string, line: string): boolean {
  if (line.trim() === '' || MOUNT_STRUCT_HEAD.test(line)) return false;
  if (STRUCT_PIECE.test(line)) return true;
  return atColumn(previous) && !NEW_RECORD.test(line);
}

function joinMountStructs(lines: string[]): string[] {
  for (let i = 0; i < lines.length; i++) {
    if (!MOUNT_STRUCT_HEAD.test(lines[i]) || MOUNT_STRUCT_ERR.test(lines[i])) continue;
    let end = -1;
    let size = lines[i].length;
    for (let j = i + 1; j < lines.length && size < MAX_MOUNT_STRUCT_CHARS && isStructPiece(lines[j - 1], lines[j]); j++) {
      size += lines[j].length;
      if (MOUNT_STRUCT_ERR.test(lines[j])) {
        end = j;
        break;
      }
    }
    if (end < 0) continue;
    // The error's own text cut at the column runs on to the next line, mid-word.
    const cutError = end + 1 < lines.length && atColumn(lines[end]) && lines[end + 1].trim() !== '' && !NEW_RECORD.test(lines[end + 1]);
    const last = cutError ? end + 1 : end;
    for (let j = i + 1; j <= last; j++) {
      lines[i] = j === end + 1 ? `${lines[i].trimEnd()}${lines[j].trim()}` : `${lines[i].trimEnd()} ${lines[j].trim()}`;
      lines[j] = '';
    }
  }
  return lines;
}

// Vagrant prints what a provisioner ran in the box as detail lines, "    <machine>: …", under its own status lines
// ("==> <machine>: …", normalize.ts): stripped for a machine a status line of the same paste names (YAML stays as is).
const VAGRANT_STATUS = /^==> ([\w.-]+): /;
function stripVagrantDetail(lines: string[]): string[] {
  const machines = new Set(lines.map((l) => VAGRANT_STATUS.exec(l)?.[1]).filter((m): m is string => !!m));
  if (machines.size === 0) return lines;
  return lines.map((l) => {
    const m = /^ {4}([\w.-]+): /.exec(l);
    return m && machines.has(m[1]) ? l.slice(m[0].length) : l;
  });
}

export function splitLines(text: string): string[] {
  return joinMountStructs(stripVagrantDetail(joinAuditRecords(fromHtml(text.replace(ANSI, '').replace(ZERO_WIDTH, '').replace(WIDE_SPACES, ' ')).split(/\r?\n|\r/))));
}

function isBenign(msg: Message): boolean {
  return BENIGN_LINES.some((b) => b.pattern.test(msg.text) && (!b.levels || (msg.level !== undefined && b.levels.includes(msg.level))));
}

/** A line's messages other than benign noise, and whether the line held any noise. */
export function judgeLine(line: string): { messages: Message[]; hadNoise: boolean } {
  const all = normalizeLine(line);
  const messages = all.filter((m) => !isBenign(m));
  return { messages, hadNoise: messages.length !== all.length };
}
