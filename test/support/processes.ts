// One way for the test harnesses (integration, VM) to run a process: output collected, a hard time limit, stdin given.
import { spawn } from 'child_process';
import * as path from 'path';

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface ProcessOptions {
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  input?: Buffer | string;
  /** What a timeout names (default: the command and its first arguments). */
  label?: string;
}

/** Runs `cmd args…`; rejects (after SIGKILL) when it outlives the time limit. */
export function runProcess(cmd: string, args: string[], opts: ProcessOptions): Promise<ProcessResult> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      const label = opts.label ?? `${path.basename(cmd)} ${args.join(' ').slice(0, 200)}`;
      // What it printed last says where it stuck (a nest's progress steps, a retry).
      const said = Buffer.concat(err).toString().trim().split('\n').slice(-8).join('\n');
      reject(new Error(`${label} did not finish within ${opts.timeoutMs} ms${said ? `; its last words on stderr:\n${said}` : ''}`));
    }, opts.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), ms: Date.now() - t0 });
    });
    child.stdin.end(opts.input ?? '');
  });
}
