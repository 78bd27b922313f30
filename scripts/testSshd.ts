/**
 * A real OpenSSH server on 127.0.0.1 for the SSH integration tests and the bench: its own host key, a generated
 * client key in authorized_keys, key-only auth, and a known_hosts file that trusts it. Runs as root (the remote
 * user is root, like a typical Docker host), in the foreground (-D -e) so its log is ours and nothing outlives us.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export interface TestSshd {
  port: number;
  dir: string;
  /** Private key that authorized_keys accepts. */
  clientKey: string;
  /** known_hosts with this server's real key. */
  knownHosts: string;
  /** The server's public host key line (`ssh-ed25519 AAAA…`). */
  hostKeyPub: string;
  url: string;
  /** Env for the CLI: this server's key and known_hosts only (no agent, no ~/.ssh/config, no default keys). */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** A key the server does not accept. */
  makeWrongKey(): string;
  /** A passphrase-protected key that authorized_keys accepts. */
  makeEncryptedKey(passphrase: string): string;
  /** A known_hosts that records a different key for this server (what a changed host key looks like). */
  makeChangedKnownHosts(): string;
  /** TCP connections the server accepted so far (from its log). */
  connectionCount(): number;
  log(): string;
  /** Kills the per-connection sshd processes: every client connection drops, the listener stays. */
  dropSessions(): number;
  stop(): Promise<void>;
}

const SSHD = '/usr/sbin/sshd';

function keygen(file: string, comment: string, passphrase = ''): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', comment, '-f', file], { stdio: 'ignore' });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Every descendant of a pid, read from /proc (so only this test's sshd sessions are ever signalled). */
function descendantsOf(pid: number): number[] {
  const kids = childrenOf(pid);
  return [...kids, ...kids.flatMap(descendantsOf)];
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

export async function startTestSshd(): Promise<TestSshd> {
  if (!fs.existsSync(SSHD)) throw new Error(`${SSHD} is missing: install openssh-server (scripts/setup-machine.sh does)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-sshd-'));
  fs.chmodSync(dir, 0o700);
  const hostKey = path.join(dir, 'host_ed25519');
  const clientKey = path.join(dir, 'client_ed25519');
  keygen(hostKey, 'nested-docker-test-host');
  keygen(clientKey, 'nested-docker-test-client');
  const authorized = path.join(dir, 'authorized_keys');
  fs.writeFileSync(authorized, fs.readFileSync(`${clientKey}.pub`), { mode: 0o600 });
  // sshd refuses to start without its privilege-separation folder (Debian creates it only in its init script).
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(config, [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey}`,
    `AuthorizedKeysFile ${authorized}`,
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    // The key files live under /tmp, which is world-writable: StrictModes would reject them.
    'StrictModes no',
    'UsePAM no',
    'AllowStreamLocalForwarding yes',
    'AllowTcpForwarding yes',
    'MaxStartups 50',
    'LogLevel VERBOSE',
    '',
  ].join('\n'), { mode: 0o600 });
  const logFile = path.join(dir, 'sshd.log');
  const logFd = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  const readLog = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 10_000;
  while (!/Server listening/.test(readLog())) {
    if (exited || Date.now() > deadline) throw new Error(`test sshd did not start:\n${readLog()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const hostKeyPub = fs.readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  const knownHosts = path.join(dir, 'known_hosts');
  fs.writeFileSync(knownHosts, `[127.0.0.1]:${port} ${hostKeyPub}\n`, { mode: 0o600 });
  const url = `ssh://root@127.0.0.1:${port}`;

  return {
    port, dir, clientKey, knownHosts, hostKeyPub, url,
    env: (extra = {}) => ({
      NESTED_DOCKER_SSH_KEY: clientKey,
      NESTED_DOCKER_KNOWN_HOSTS: knownHosts,
      NESTED_DOCKER_SSH_CONFIG: 'none',
      SSH_AUTH_SOCK: '',
      ...extra,
    }),
    makeWrongKey: () => {
      const wrong = path.join(dir, 'wrong_ed25519');
      if (!fs.existsSync(wrong)) keygen(wrong, 'not-authorized');
      return wrong;
    },
    makeEncryptedKey: (passphrase: string) => {
      const key = path.join(dir, 'encrypted_ed25519');
      if (!fs.existsSync(key)) {
        keygen(key, 'encrypted', passphrase);
        fs.appendFileSync(authorized, fs.readFileSync(`${key}.pub`));
      }
      return key;
    },
    makeChangedKnownHosts: () => {
      const other = path.join(dir, 'other_host_ed25519');
      if (!fs.existsSync(other)) keygen(other, 'impostor');
      const pub = fs.readFileSync(`${other}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
      const file = path.join(dir, 'known_hosts.changed');
      fs.writeFileSync(file, `# a key recorded earlier\n[127.0.0.1]:${port} ${pub}\n`, { mode: 0o600 });
      return file;
    },
    connectionCount: () => (readLog().match(/Connection from 127\.0\.0\.1 port \d+/g) ?? []).length,
    log: readLog,
    dropSessions: () => {
      const kids = child.pid ? descendantsOf(child.pid) : [];
      for (const pid of kids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      return kids.length;
    },
    stop: async () => {
      if (child.pid && !exited) {
        for (const pid of descendantsOf(child.pid)) {
          try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
        }
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([done, new Promise((r) => setTimeout(r, 3000))]);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
