import type { Duplex } from 'stream';
import type { Client, ClientChannel } from 'ssh2';
import { NestedDockerError } from '../../core/errors';
import { describeTarget, SshTarget } from './sshOptions';

export function forwardTcp(client: Client, host: string, port: number): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, host, port, (err, ch) => (err ? reject(err) : resolve(ch)));
  });
}

export function forwardStreamLocal(client: Client, socketPath: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.openssh_forwardOutStreamLocal(socketPath, (err, ch) => (err ? reject(err) : resolve(ch)));
  });
}

/** Runs the remote docker CLI as a byte pipe to its daemon; its stderr explains failures (no docker, no access). */
export function dialStdio(client: Client, target: SshTarget): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.exec('docker system dial-stdio', (err, ch) => {
      if (err) return reject(new NestedDockerError(`ssh: cannot run docker on ${describeTarget(target)}: ${err.message}`, undefined, 'ssh-docker'));
      let stderr = '';
      let gotData = false;
      ch.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-2000)));
      ch.once('data', () => (gotData = true));
      ch.on('exit', (code: number | null) => {
        if (code && !gotData) {
          const why = code === 127 ? 'the docker CLI is not installed there' : stderr.trim() || `exit code ${code}`;
          (ch as Duplex).destroy(new NestedDockerError(`ssh: docker system dial-stdio failed on ${describeTarget(target)}: ${why}`, undefined, 'ssh-docker'));
        }
      });
      resolve(ch);
    });
  });
}

/** An SSH channel stands in for a net.Socket in http.Agent, which calls these on the sockets it pools. */
export function asSocket(ch: ClientChannel): Duplex {
  return Object.assign(ch, {
    setKeepAlive: () => ch,
    setNoDelay: () => ch,
    setTimeout: (_ms: number, cb?: () => void) => {
      if (cb) ch.once('timeout', cb);
      return ch;
    },
    ref: () => ch,
    unref: () => ch,
  });
}

export function runCommand(client: Client, command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, ch) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      ch.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      ch.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      ch.on('exit', (c: number | null) => (code = c));
      ch.on('close', () => resolve({ code, stdout, stderr }));
    });
  });
}
