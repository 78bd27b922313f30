import { NestedDockerError } from '../engine';

export interface ParsedArgs {
  command?: string;
  positionals: string[];
  flags: Map<string, string[]>;
  /** Everything after a bare `--`. */
  rest: string[];
}

/** Flags that take a value; every other flag is a switch. Global flags may stand before or after the subcommand. */
const VALUE_FLAGS = new Set([
  'host', 'parent', 'image', 'mode', 'tail', 'id', 'timeout', 'daemon-arg', 'container', 'since', 'relay-dir', 'shell',
  'disable', 'ssh-key', 'known-hosts', 'seed', 'from', 'to', 'match', 'min-age', 'address', 'port', 'publish', 'bind', 'tag', 'interval',
  'apparmor-profile',
]);
const SHORT: Record<string, string> = { i: 'interactive', t: 'tty', f: 'follow', H: 'host', n: 'tail' };

export function parseArgs(argv: string[]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], flags: new Map(), rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.rest = argv.slice(i + 1);
      break;
    }
    let name: string | undefined;
    let value: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      value = eq > 0 ? arg.slice(eq + 1) : undefined;
    } else if (/^-[a-zA-Z]+$/.test(arg)) {
      const letters = arg.slice(1).split('');
      for (const l of letters.slice(0, -1)) add(out, expand(l), 'true');
      name = expand(letters[letters.length - 1]);
    }
    if (name === undefined) {
      if (out.command === undefined) out.command = arg;
      else out.positionals.push(arg);
      continue;
    }
    if (VALUE_FLAGS.has(name)) {
      if (value === undefined) {
        value = argv[++i];
        if (value === undefined) throw new NestedDockerError(`--${name} needs a value`, `e.g. --${name} VALUE`, 'usage');
      }
      add(out, name, value);
    } else {
      add(out, name, value ?? 'true');
    }
  }
  return out;
}

function expand(letter: string): string {
  const name = SHORT[letter];
  if (!name) throw new NestedDockerError(`unknown option -${letter}`, 'see `nested-docker help`', 'usage');
  return name;
}

function add(out: ParsedArgs, name: string, value: string): void {
  const list = out.flags.get(name) ?? [];
  list.push(value);
  out.flags.set(name, list);
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  const list = args.flags.get(name);
  return list?.[list.length - 1];
}

export function flagAll(args: ParsedArgs, name: string): string[] {
  return args.flags.get(name) ?? [];
}

export function has(args: ParsedArgs, name: string): boolean {
  return args.flags.has(name) && flag(args, name) !== 'false';
}

/** Rejects flags a command does not know, so a typo never silently does something else. */
export function checkFlags(args: ParsedArgs, allowed: string[]): void {
  const known = new Set([
    ...allowed, 'host', 'json', 'help', 'relay-dir', 'no-relay', 'allow-insecure-tcp', 'ssh-key', 'known-hosts', 'accept-new-host-key',
  ]);
  for (const name of args.flags.keys()) {
    if (!known.has(name)) {
      throw new NestedDockerError(`unknown option --${name} for '${args.command}'`, 'see `nested-docker help`', 'usage');
    }
  }
}

export function intFlag(args: ParsedArgs, name: string): number | undefined {
  const v = flag(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new NestedDockerError(`--${name} must be a whole number, got '${v}'`, `give a whole number, e.g. --${name} 10`, 'usage');
  return n;
}
