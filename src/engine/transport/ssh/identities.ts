import * as fs from 'fs';
import type { AuthenticationType, AuthMethod, ParsedKey } from 'ssh2';
import { NestedDockerError } from '../../core/errors';
import { describeTarget, SshOptions, SshTarget } from './sshOptions';

type Ssh2Utils = { parseKey(data: Buffer | string, passphrase?: string): ParsedKey | ParsedKey[] | Error };

function parseKey(data: Buffer, passphrase?: string): ParsedKey | Error {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { utils } = require('ssh2') as { utils: Ssh2Utils };
  const k = utils.parseKey(data, passphrase);
  return Array.isArray(k) ? k[0] : k;
}

const ENCRYPTED = /no passphrase given/i;
const BAD_PASSPHRASE = /bad passphrase|integrity check failed|bad decrypt/i;

/**
 * The methods ssh2 tries in turn: ssh-agent first (its keys never leave the agent), then each key file. An encrypted
 * key's passphrase is asked only when that key's turn comes, so a working agent or earlier key never prompts.
 */
export class AuthSequence {
  private step = 0;
  private readonly steps: Array<'agent' | string>;
  /** What was offered, for the failure message (paths, never key material). */
  readonly offered: string[] = [];
  /** Why a key could not be used (encrypted without passphrase, unreadable), reported if everything fails. */
  readonly problems: NestedDockerError[] = [];

  constructor(
    private readonly target: SshTarget,
    private readonly opts: SshOptions,
    /** Runs a user prompt with the handshake timer paused. */
    private readonly prompting: <T>(fn: () => Promise<T>) => Promise<T>,
  ) {
    this.steps = [...(target.agentSocket ? ['agent'] : []), ...target.identityFiles];
  }

  async next(methodsLeft: AuthenticationType[] | null): Promise<AuthMethod | false> {
    if (methodsLeft && !methodsLeft.includes('publickey')) return false;
    while (this.step < this.steps.length) {
      const s = this.steps[this.step++];
      if (s === 'agent') {
        this.offered.push('ssh-agent');
        return { type: 'agent', username: this.target.user, agent: this.target.agentSocket! } as AuthMethod;
      }
      const key = await this.loadKey(s);
      if (key) {
        this.offered.push(s);
        return { type: 'publickey', username: this.target.user, key } as AuthMethod;
      }
    }
    return false;
  }

  private async loadKey(file: string): Promise<ParsedKey | undefined> {
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch (err) {
      this.problems.push(new NestedDockerError(`cannot read SSH key ${file}: ${(err as Error).message}`, undefined, 'ssh-auth'));
      return undefined;
    }
    let key = parseKey(data);
    for (let attempt = 1; key instanceof Error && (ENCRYPTED.test(key.message) || BAD_PASSPHRASE.test(key.message)); attempt++) {
      if (!this.opts.passphrase || attempt > 3) {
        this.problems.push(new NestedDockerError(
          attempt > 3
            ? `wrong passphrase for SSH key ${file} (3 tries)`
            : `SSH key ${file} is encrypted and no passphrase was given`,
          'give the passphrase (CLI: NESTED_DOCKER_SSH_PASSPHRASE) or load the key into ssh-agent (ssh-add)',
          'ssh-passphrase',
        ));
        return undefined;
      }
      const request = { keyFile: file, attempt, target: describeTarget(this.target) };
      let passphrase: string | undefined;
      try {
        passphrase = await this.prompting(() => this.opts.passphrase!(request));
      } catch (err) {
        // The host app declined (the CLI without NESTED_DOCKER_SSH_PASSPHRASE): its message explains what to do.
        this.problems.push(err instanceof NestedDockerError ? err : new NestedDockerError(String(err), undefined, 'ssh-passphrase'));
        return undefined;
      }
      if (passphrase === undefined) return undefined;
      key = parseKey(data, passphrase);
    }
    if (key instanceof Error || !key.isPrivateKey()) {
      this.problems.push(new NestedDockerError(`SSH key ${file} is not a usable private key`, undefined, 'ssh-auth'));
      return undefined;
    }
    return key;
  }

  /** The error to report when the server accepted none of the keys. */
  failure(): NestedDockerError {
    const passphrase = this.problems.find((p) => p.code === 'ssh-passphrase');
    if (passphrase && this.offered.length === 0) return passphrase;
    const who = describeTarget(this.target);
    const offered = this.offered.length ? this.offered.join(', ') : 'no key (none found)';
    const extra = this.problems.length ? `; also: ${this.problems.map((p) => p.message).join('; ')}` : '';
    return new NestedDockerError(
      `ssh: ${who} refused authentication (offered: ${offered})${extra}`,
      "add your public key to the server's ~/.ssh/authorized_keys, or name the right key " +
        '(IdentityFile in ~/.ssh/config, or NESTED_DOCKER_SSH_KEY for the CLI)',
      'ssh-auth',
    );
  }
}
