import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** One `Keyword value…` line of an OpenSSH client config, after Include files were spliced in. */
export interface SshConfigLine {
  keyword: string;
  args: string[];
}

/** What ~/.ssh/config says about one host, in OpenSSH's terms. */
export interface SshHostConfig {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  identitiesOnly?: boolean;
  identityAgent?: string;
  proxyJump?: string;
  userKnownHostsFiles?: string[];
  globalKnownHostsFiles?: string[];
  strictHostKeyChecking?: 'yes' | 'no' | 'accept-new' | 'ask';
  hashKnownHosts?: boolean;
  hostKeyAlias?: string;
  serverAliveInterval?: number;
  connectTimeout?: number;
}

/** Splits one line into keyword and arguments: `Key value`, `Key=value`, and "quoted args" are all valid. */
export function splitConfigLine(raw: string): SshConfigLine | undefined {
  const line = raw.trim();
  if (!line || line.startsWith('#')) return undefined;
  const m = /^([A-Za-z][A-Za-z0-9]*)\s*(?:=\s*|\s+)(.*)$/.exec(line);
  if (!m) return undefined;
  const args: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let a: RegExpExecArray | null;
  while ((a = re.exec(m[2]))) {
    if (a[2]?.startsWith('#')) break;
    args.push(a[1] ?? a[2]);
  }
  return { keyword: m[1].toLowerCase(), args };
}

/**
 * Reads a config file with its Include directives spliced in place (relative paths are under ~/.ssh, globs with
 * * and ? in the last component), as OpenSSH does; a missing file is an empty config.
 */
export function loadSshConfig(file: string, home = os.homedir(), depth = 0): SshConfigLine[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: SshConfigLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = splitConfigLine(raw);
    if (!line) continue;
    if (line.keyword === 'include' && depth < 8) {
      for (const arg of line.args) {
        for (const f of expandInclude(arg, home)) out.push(...loadSshConfig(f, home, depth + 1));
      }
    } else {
      out.push(line);
    }
  }
  return out;
}

function expandInclude(arg: string, home: string): string[] {
  const p = expandTilde(arg, home);
  const abs = path.isAbsolute(p) ? p : path.join(home, '.ssh', p);
  const base = path.basename(abs);
  if (!/[*?]/.test(base)) return [abs];
  try {
    return fs.readdirSync(path.dirname(abs)).filter((n) => globMatch(base, n)).sort().map((n) => path.join(path.dirname(abs), n));
  } catch {
    return [];
  }
}

function expandTilde(p: string, home = os.homedir()): string {
  return p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p;
}

/** OpenSSH's pattern: `*` any run, `?` one character, whole-string and case-insensitive. */
export function globMatch(pattern: string, text: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(text);
}

/** A pattern list (`a*,b?.example,!bad.example`): any negated match excludes, else any plain match includes. */
export function matchPatternList(patterns: string[], host: string): boolean {
  let matched = false;
  for (const p of patterns.flatMap((x) => x.split(','))) {
    if (!p) continue;
    if (p.startsWith('!')) {
      if (globMatch(p.slice(1), host)) return false;
    } else if (globMatch(p, host)) {
      matched = true;
    }
  }
  return matched;
}

/** Match blocks: `all`, `host` and `originalhost` are understood; a block with any other criterion never applies. */
function matchBlockApplies(args: string[], host: string): boolean {
  if (args.length === 1 && args[0].toLowerCase() === 'all') return true;
  let ok = args.length > 0;
  for (let i = 0; i < args.length; i += 2) {
    const crit = args[i].toLowerCase();
    if ((crit === 'host' || crit === 'originalhost') && args[i + 1]) ok = ok && matchPatternList([args[i + 1]], host);
    else return false;
  }
  return ok;
}

/** The options for `host` as OpenSSH resolves them: for each keyword the first value obtained wins. */
export function resolveSshConfig(lines: SshConfigLine[], host: string): SshHostConfig {
  const out: SshHostConfig = { identityFiles: [] };
  const seen = new Set<string>();
  let applies = true;
  for (const { keyword, args } of lines) {
    if (keyword === 'host') {
      applies = matchPatternList(args, host);
      continue;
    }
    if (keyword === 'match') {
      applies = matchBlockApplies(args, host);
      continue;
    }
    if (!applies || args.length === 0) continue;
    if (keyword === 'identityfile') {
      out.identityFiles.push(args[0]);
      continue;
    }
    if (seen.has(keyword)) continue;
    seen.add(keyword);
    apply(out, keyword, args);
  }
  return out;
}

function apply(out: SshHostConfig, keyword: string, args: string[]): void {
  const v = args[0];
  const yes = v.toLowerCase() === 'yes';
  switch (keyword) {
    case 'hostname': out.hostName = v; break;
    case 'user': out.user = v; break;
    case 'port': out.port = Number(v) || undefined; break;
    case 'identitiesonly': out.identitiesOnly = yes; break;
    case 'identityagent': out.identityAgent = v; break;
    case 'proxyjump': out.proxyJump = v.toLowerCase() === 'none' ? undefined : v; break;
    case 'userknownhostsfile': out.userKnownHostsFiles = args; break;
    case 'globalknownhostsfile': out.globalKnownHostsFiles = args; break;
    case 'stricthostkeychecking': {
      const s = v.toLowerCase();
      out.strictHostKeyChecking = s === 'off' ? 'no' : s === 'yes' || s === 'no' || s === 'accept-new' ? s : 'ask';
      break;
    }
    case 'hashknownhosts': out.hashKnownHosts = yes; break;
    case 'hostkeyalias': out.hostKeyAlias = v; break;
    case 'serveraliveinterval': out.serverAliveInterval = Number(v) || undefined; break;
    case 'connecttimeout': out.connectTimeout = Number(v) || undefined; break;
  }
}

/** OpenSSH tokens in IdentityFile, UserKnownHostsFile, IdentityAgent: %% %d %h %p %r %u, and a leading ~. */
export function expandTokens(
  value: string,
  t: { home: string; host: string; port: number; remoteUser: string; localUser: string },
): string {
  const expanded = value.replace(/%([%dhpru])/g, (_, c: string) =>
    c === '%' ? '%' : c === 'd' ? t.home : c === 'h' ? t.host : c === 'p' ? String(t.port) : c === 'r' ? t.remoteUser : t.localUser,
  );
  return expandTilde(expanded, t.home);
}
