// A text's lines and the messages each holds once unwrapped, benign noise set apart: what the rules
// and the possible-cause fallback both read.
import { BENIGN_LINES } from './classifyRules';
import { Message, normalizeLine } from './normalize';

// Colour codes from `docker logs` of a TTY container, CRs from Windows or progress output.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export function splitLines(text: string): string[] {
  return text.replace(ANSI, '').split(/\r?\n|\r/);
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
