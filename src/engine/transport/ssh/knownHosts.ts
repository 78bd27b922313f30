import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { globMatch } from './sshConfig';

/** One key line of a known_hosts file. */
export interface KnownHostEntry {
  file: string;
  /** 1-based, for the message that tells the user which line to remove. */
  line: number;
  marker?: 'revoked' | 'cert-authority';
  hosts: string;
  keyType: string;
  key: Buffer;
}

export type HostKeyStatus = 'known' | 'unknown' | 'changed' | 'revoked';

export interface HostKeyCheck {
  status: HostKeyStatus;
  /** The entry that matched (known) or disagrees (changed, revoked). */
  entry?: KnownHostEntry;
  /** Key types known for this host when the offered type is not among them. */
  otherTypes: string[];
}

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const fields = raw.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) return;
    let marker: KnownHostEntry['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') marker = fields.shift()!.slice(1) as KnownHostEntry['marker'];
    const [hosts, keyType, b64] = fields;
    if (!hosts || !keyType || !b64) return;
    out.push({ file, line: i + 1, marker, hosts, keyType, key: Buffer.from(b64, 'base64') });
  });
  return out;
}

export function readKnownHosts(files: string[]): KnownHostEntry[] {
  return files.flatMap((f) => {
    try {
      return parseKnownHosts(fs.readFileSync(f, 'utf8'), f);
    } catch {
      return [];
    }
  });
}

/** The name a host is recorded under: `host` on port 22, `[host]:port` elsewhere (OpenSSH's convention). */
export function hostToken(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

/** Whether an entry's host field names `token`: hashed `|1|salt|hash`, or a pattern list with * ? and !. */
export function hostFieldMatches(field: string, token: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    const mac = crypto.createHmac('sha1', Buffer.from(salt, 'base64')).update(token).digest();
    const want = Buffer.from(hash, 'base64');
    return want.length === mac.length && crypto.timingSafeEqual(mac, want);
  }
  let matched = false;
  for (const p of field.split(',')) {
    const neg = p.startsWith('!');
    if (globMatch(neg ? p.slice(1) : p, token)) {
      if (neg) return false;
      matched = true;
    }
  }
  return matched;
}

/** The algorithm name inside an SSH public key blob (`ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`, …). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const len = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + len).toString('latin1');
}

/** `SHA256:…` exactly as `ssh-keygen -l` prints it, so users can compare it with the server's. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${crypto.createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Checks an offered host key against known_hosts, the way OpenSSH decides between known, new and changed. */
export function checkHostKey(entries: KnownHostEntry[], host: string, port: number, blob: Buffer): HostKeyCheck {
  const token = hostToken(host, port);
  const type = keyTypeOf(blob);
  const mine = entries.filter((e) => e.marker !== 'cert-authority' && hostFieldMatches(e.hosts, token));
  const revoked = entries.find((e) => e.marker === 'revoked' && e.key.equals(blob));
  if (revoked) return { status: 'revoked', entry: revoked, otherTypes: [] };
  const sameType = mine.filter((e) => !e.marker && e.keyType === type);
  const exact = sameType.find((e) => e.key.equals(blob));
  if (exact) return { status: 'known', entry: exact, otherTypes: [] };
  if (sameType.length) return { status: 'changed', entry: sameType[0], otherTypes: [] };
  const otherTypes = [...new Set(mine.filter((e) => !e.marker).map((e) => e.keyType))];
  return { status: 'unknown', otherTypes };
}

/** ssh2's host key algorithms (Node 20 has Ed25519), strongest first. */
export const DEFAULT_HOST_KEY_ALGOS = [
  'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa',
];

/** Host key algorithms to offer, those already recorded for the host first, so a known key is the one negotiated. */
export function preferredHostKeyAlgorithms(knownTypes: string[], all: string[]): string[] {
  const expand = (t: string) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t]);
  const first = knownTypes.flatMap(expand).filter((a) => all.includes(a));
  return [...new Set([...first, ...all])];
}

export function knownHostsLine(host: string, port: number, blob: Buffer, hashed = false): string {
  let field = hostToken(host, port);
  if (hashed) {
    const salt = crypto.randomBytes(20);
    field = `|1|${salt.toString('base64')}|${crypto.createHmac('sha1', salt).update(field).digest('base64')}`;
  }
  return `${field} ${keyTypeOf(blob)} ${blob.toString('base64')}`;
}

/** Appends an entry (only ever called after the user agreed), keeping the folder 0700 and the file 0600. */
export function recordHostKey(file: string, line: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let prefix = '';
  try {
    const text = fs.readFileSync(file, 'utf8');
    if (text.length && !text.endsWith('\n')) prefix = '\n';
  } catch {
    /* a new file */
  }
  fs.appendFileSync(file, `${prefix}${line}\n`, { mode: 0o600 });
}
