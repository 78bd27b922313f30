import { execFile } from 'child_process';

/**
 * Kernel log lines since a moment, where this machine lets us read them (dmesg_restrict can hide them: then
 * `restricted` is true and the caller says so instead of guessing). Only meaningful for a local host daemon.
 */
export function recentKernelLog(sinceMs: number, timeoutMs = 2000): Promise<{ lines: string[]; restricted: boolean }> {
  return new Promise((resolve) => {
    execFile('dmesg', ['--time-format', 'iso'], { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024 }, (err, stdout) => {
      if (err) return resolve({ lines: [], restricted: true });
      const lines = stdout.split('\n').filter((line) => {
        const stamp = Date.parse(line.slice(0, 31).replace(',', '.'));
        return Number.isFinite(stamp) && stamp >= sinceMs - 2000;
      });
      resolve({ lines, restricted: false });
    });
  });
}
