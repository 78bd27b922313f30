// The probe's sections for a host daemon that runs on this machine, read from local /proc and /sys
// instead of by exec (level 0 is not a container). Same section names as PROBE_SCRIPT, so one parser serves both.
import { execFile } from 'child_process';
import * as fs from 'fs';
import { readOrEmpty } from '../hosts/localDaemon';
import { ProbeSections } from './probe';

/** A local command's exit code and output (stdout then stderr); 127 when it could not run. */
export function runLocal(cmd: string, args: string[], timeoutMs = 3000): Promise<{ rc: number; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const rc = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 127) : 0;
      resolve({ rc, out: `${stdout}${stderr}` });
    });
  });
}

export { localDockerdPid } from '../hosts/localDaemon';

export async function localSections(pid: number, dataRoot: string): Promise<ProbeSections> {
  const caps = readOrEmpty(`/proc/${pid}/status`).split('\n').filter((l) => l.startsWith('Cap')).join('\n');
  const [iptables, dmesg] = await Promise.all([runLocal('iptables', ['--version']), runLocal('dmesg', [])]);
  let statfs = '';
  try {
    const st = fs.statfsSync(dataRoot);
    statfs = `? ${st.bavail} ${st.blocks} ${st.bsize}`;
  } catch {
    /* not readable by this user: no disk facts */
  }
  return {
    dockerd: String(pid),
    cgroup: readOrEmpty(`/proc/${pid}/cgroup`),
    mounts: readOrEmpty(`/proc/${pid}/mounts`) || readOrEmpty('/proc/mounts'),
    caps,
    lastcap: readOrEmpty('/proc/sys/kernel/cap_last_cap'),
    uname: readOrEmpty('/proc/sys/kernel/osrelease'),
    apparmor: readOrEmpty('/sys/module/apparmor/parameters/enabled'),
    profile: readOrEmpty(`/proc/${pid}/attr/current`),
    selinux: readOrEmpty('/sys/fs/selinux/enforce'),
    iptables: iptables.rc === 0 ? iptables.out : '',
    statfs,
    // The host's own daemon wrote its pid file wherever it was told; a running host daemon is not stale.
    pidfile: '',
    keyusers: readOrEmpty('/proc/key-users'),
    cgroup2: '',
    uptime: readOrEmpty('/proc/uptime'),
    'dmesg-restrict': readOrEmpty('/proc/sys/kernel/dmesg_restrict'),
    dmesg: dmesg.rc === 0 ? dmesg.out.split('\n').slice(-400).join('\n') : '',
    'dmesg-rc': String(dmesg.rc),
  };
}
