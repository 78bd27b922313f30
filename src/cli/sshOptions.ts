import * as path from 'path';
import { NestedDockerError, unknownHostKey } from '../engine';
import type { SshOptions } from '../engine';
import { flag, flagAll, has, ParsedArgs } from './args';

/**
 * SSH settings of the CLI, which never prompts: keys and known_hosts from flags or env, a passphrase only from
 * NESTED_DOCKER_SSH_PASSPHRASE, and an unknown host key recorded only with --accept-new-host-key.
 */
export function cliSshOptions(args: ParsedArgs, env: NodeJS.ProcessEnv): SshOptions {
  const keys = [
    ...flagAll(args, 'ssh-key'),
    ...(env.NESTED_DOCKER_SSH_KEY ? env.NESTED_DOCKER_SSH_KEY.split(path.delimiter) : []),
  ].filter(Boolean);
  const knownHosts = flag(args, 'known-hosts') ?? env.NESTED_DOCKER_KNOWN_HOSTS;
  const config = env.NESTED_DOCKER_SSH_CONFIG;
  const accept = has(args, 'accept-new-host-key');
  return {
    env,
    identityFiles: keys.length ? keys : undefined,
    knownHostsFiles: knownHosts ? knownHosts.split(path.delimiter) : undefined,
    configFile: config === 'none' ? null : config || undefined,
    passphrase: async (req) => {
      const given = env.NESTED_DOCKER_SSH_PASSPHRASE;
      if (given !== undefined && req.attempt === 1) return given;
      throw new NestedDockerError(
        given === undefined
          ? `SSH key ${req.keyFile} is encrypted: set NESTED_DOCKER_SSH_PASSPHRASE, or load the key into ssh-agent (ssh-add)`
          : `NESTED_DOCKER_SSH_PASSPHRASE is not the passphrase of ${req.keyFile}`,
        undefined,
        'ssh-passphrase',
      );
    },
    confirmHostKey: async (info) => {
      if (accept) return true;
      throw unknownHostKey(info, {
        howToAccept: `If that is the server's key, run again with --accept-new-host-key to record it in ${info.knownHostsFile}.`,
      });
    },
  };
}
