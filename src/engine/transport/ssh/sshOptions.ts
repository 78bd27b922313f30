/** How the engine reaches a host over SSH; every field is optional and defaults to what OpenSSH would do. */
export interface SshOptions {
  /**
   * Private keys to offer. When given, only these are used (no default keys, no ssh-agent), like
   * `ssh -i KEY -o IdentitiesOnly=yes`. Default: IdentityFile from the ssh config, else ~/.ssh/id_{ed25519,ecdsa,rsa}.
   */
  identityFiles?: string[];
  /** known_hosts files, the first one is where consented keys are recorded. Default: UserKnownHostsFile or ~/.ssh/known_hosts. */
  knownHostsFiles?: string[];
  /** OpenSSH client config; default ~/.ssh/config; null reads none. */
  configFile?: string | null;
  /** ssh-agent socket; default IdentityAgent from the config, else $SSH_AUTH_SOCK; null uses no agent. */
  agentSocket?: string | null;
  /** Asked for the passphrase of an encrypted key; resolve undefined to skip that key. */
  passphrase?: (request: PassphraseRequest) => Promise<string | undefined>;
  /**
   * Asked when the host's key is not in known_hosts (StrictHostKeyChecking ask, the default): resolve true to record
   * it and connect, false to refuse; a thrown error becomes the connection's error. Without it, unknown keys are refused.
   */
  confirmHostKey?: (info: HostKeyInfo) => Promise<boolean>;
  /** The Docker socket on the remote host, reached by stream-local forwarding (default /var/run/docker.sock). */
  remoteSocket?: string;
  /** 'auto' (default): stream-local forwarding to the socket, falling back to `docker system dial-stdio` if refused. */
  transport?: 'auto' | 'streamlocal' | 'dial-stdio';
  keepaliveIntervalMs?: number;
  /** Time allowed for TCP connect + handshake + authentication, not counting time spent in the callbacks above. */
  readyTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  home?: string;
  log?: (line: string) => void;
}

export interface HostKeyInfo {
  /** As recorded in known_hosts: `host`, or `[host]:port` off port 22. */
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  /** Where the key will be recorded on consent. */
  knownHostsFile: string;
  /** Key types already known for this host (the server may have been reconfigured). */
  otherTypes: string[];
}

export interface PassphraseRequest {
  keyFile: string;
  /** 1 on the first ask; higher after a wrong passphrase. */
  attempt: number;
  /** user@host:port, for the prompt. */
  target: string;
}

/** A host as the SSH layer connects to it, after ~/.ssh/config was applied. */
export interface SshTarget {
  /** The name the user gave (a config alias or an address). */
  alias: string;
  hostName: string;
  port: number;
  user: string;
  identityFiles: string[];
  /** Whether identityFiles were named explicitly (a missing one is then an error, not a skip). */
  explicitIdentities: boolean;
  agentSocket?: string;
  knownHostsFiles: string[];
  /** Files consulted but never written (the system-wide known hosts). */
  globalKnownHostsFiles: string[];
  strictHostKeyChecking: 'yes' | 'no' | 'accept-new' | 'ask';
  hashKnownHosts: boolean;
  hostKeyAlias?: string;
  keepaliveIntervalMs: number;
  readyTimeoutMs: number;
  /** ProxyJump chain, the first hop first. */
  jumps: SshTarget[];
  configFile?: string;
}

export function describeTarget(t: Pick<SshTarget, 'user' | 'hostName' | 'port'>): string {
  return `${t.user}@${t.hostName}:${t.port}`;
}
