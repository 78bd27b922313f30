import { NestedDockerError } from '../../core/errors';
import {
  checkHostKey, fingerprint, hostToken, keyTypeOf, knownHostsLine, readKnownHosts, recordHostKey,
} from './knownHosts';
import { HostKeyInfo, SshOptions, SshTarget } from './sshOptions';

/**
 * Decides whether to trust the key a server presented: known → yes; changed or revoked → a hard error, never a
 * prompt; unknown → per StrictHostKeyChecking, asking the user through `confirmHostKey` by default. A key is
 * written to known_hosts only after consent (or when the user's own config says accept-new / no).
 */
export async function verifyHostKey(
  target: SshTarget,
  blob: Buffer,
  opts: SshOptions,
  prompting: <T>(fn: () => Promise<T>) => Promise<T>,
): Promise<void> {
  const host = target.hostKeyAlias ?? target.hostName;
  const entries = readKnownHosts([...target.knownHostsFiles, ...target.globalKnownHostsFiles]);
  const check = checkHostKey(entries, host, target.port, blob);
  const name = hostToken(host, target.port);
  const fp = fingerprint(blob);
  const type = keyTypeOf(blob);
  if (check.status === 'known') return;
  if (check.status === 'revoked') {
    throw new NestedDockerError(
      `ssh: the host key of ${name} (${type} ${fp}) is marked @revoked in ${check.entry!.file} line ${check.entry!.line}; refusing to connect`,
      'ask the host administrator for the new key',
      'ssh-host-key-revoked',
    );
  }
  if (check.status === 'changed') {
    const e = check.entry!;
    throw new NestedDockerError(
      `ssh: WARNING: the host key of ${name} has CHANGED. It is now ${type} ${fp}, but ${e.file} line ${e.line} ` +
        'records a different key. Someone may be intercepting the connection (a man-in-the-middle attack), or the ' +
        `host was reinstalled. Refusing to connect. Only if you know why it changed, remove line ${e.line} of ${e.file} ` +
        `(ssh-keygen -R ${shellQuote(name)} -f ${shellQuote(e.file)}) and connect again to review the new key.`,
      `verify the new fingerprint with the host's administrator before removing line ${e.line} of ${e.file}`,
      'ssh-host-key-changed',
    );
  }
  const file = target.knownHostsFiles[0];
  const info: HostKeyInfo = { host: name, port: target.port, keyType: type, fingerprint: fp, knownHostsFile: file, otherTypes: check.otherTypes };
  const strict = target.strictHostKeyChecking;
  let accepted = strict === 'accept-new' || strict === 'no';
  if (strict === 'ask' && opts.confirmHostKey) accepted = await prompting(() => opts.confirmHostKey!(info));
  if (!accepted) throw unknownHostKey(info, { strictYes: strict === 'yes' });
  recordHostKey(file, knownHostsLine(host, target.port, blob, target.hashKnownHosts));
  opts.log?.(`ssh: recorded the host key of ${name} (${type} ${fp}) in ${file}`);
}

/**
 * The refusal for a key nobody agreed to. `howToAccept` is the host app's instruction (a CLI flag, a button); it goes
 * in the message itself, because a tree node or a table row shows only the message.
 */
export function unknownHostKey(info: HostKeyInfo, opts: { strictYes?: boolean; howToAccept?: string } = {}): NestedDockerError {
  const also = info.otherTypes.length ? ` (known_hosts has a ${info.otherTypes.join(', ')} key for it, not this type)` : '';
  const keyFile = `/etc/ssh/ssh_host_${info.keyType.replace(/^ssh-|-.*$/g, '')}_key.pub`;
  const how = opts.strictYes
    ? 'StrictHostKeyChecking yes forbids adding it; add it to known_hosts yourself.'
    : (opts.howToAccept ?? `Not connecting without your consent to record it in ${info.knownHostsFile}.`);
  return new NestedDockerError(
    `ssh: the host key of ${info.host} is not known: ${info.keyType} ${info.fingerprint}${also}. ${how}`,
    `compare the fingerprint with the server's own (ssh-keygen -lf ${keyFile} on the host) before accepting it`,
    'ssh-host-key-unknown',
  );
}

/** Quotes for a POSIX shell, so a command we print can be pasted as is, whatever the path holds. */
function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
