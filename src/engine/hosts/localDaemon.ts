// Finding the host's own dockerd on this machine (for its capability set and local facts).
import * as fs from 'fs';
import { capBndFromStatus } from '../core/capabilities';

/** A file's text, or '' when it cannot be read (/proc entries vanish and some are the owner's only). */
export function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function pidNamespace(pid: string): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/ns/pid`);
  } catch {
    return undefined;
  }
}

/**
 * The pid of a dockerd in this process's own pid namespace: when there is one, this machine is the daemon's
 * machine. Levels' daemons are visible too (a parent pid namespace sees its children's processes), but each
 * sits in its own namespace, so the comparison picks the host's.
 */
export function localDockerdPid(): number | undefined {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return undefined;
  }
  const mine = pidNamespace('self');
  for (const pid of entries) {
    if (readOrEmpty(`/proc/${pid}/comm`).trim() === 'dockerd' && mine !== undefined && pidNamespace(pid) === mine) return Number(pid);
  }
  return undefined;
}

/** What a local daemon can grant: the bounding set of the host's dockerd process, when it runs on this machine. */
export function localDaemonCaps(): { mask: bigint; lastCap: number } | undefined {
  try {
    const lastCap = Number(fs.readFileSync('/proc/sys/kernel/cap_last_cap', 'utf8').trim());
    // No dockerd here (a socket mounted from elsewhere, a VM): unknown, so auto mode tries and falls back.
    const pid = localDockerdPid();
    if (pid === undefined) return undefined;
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const mask = capBndFromStatus(status);
    return mask === undefined ? undefined : { mask, lastCap };
  } catch {
    return undefined;
  }
}
