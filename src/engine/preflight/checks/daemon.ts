// Reachability, pid file, socket mounts, nesting depth, and the texts a level leaves behind.
import type { Finding } from '../../core/finding';
import { makeFinding } from '../catalog';
import { classify } from '../classify';
import { DAEMON_UP } from '../context';
import { splitLines } from '../messages';
import { Check } from './types';

const reachability: Check = (facts) => {
  if (facts.reachable) {
    return [];
  }
  const error = facts.reachError?.trim();
  // The client's error often names a more precise cause (socket permissions, TLS, a dead daemon).
  const fromError = error ? classify(error, { source: 'cli-error', guesses: false }) : [];
  const evidence = error ? error.split(/\r?\n/)[0].trim() : 'the daemon did not answer a ping';
  return [...fromError.filter((f) => f.id !== 'daemon-unreachable'), makeFinding('daemon-unreachable', evidence)];
};

const pidfile: Check = (facts) =>
  facts.pidfileStale ? [makeFinding('stale-pidfile', 'docker.pid names a process that is not this level\'s dockerd')] : [];

const socketMount: Check = (facts) =>
  facts.socketMounted
    ? [
        makeFinding('dood-volume-path', 'a Docker socket is mounted into this level', {
          severity: 'info',
          title: 'Docker socket mounted: bind paths and published ports resolve on that daemon\'s host',
        }),
      ]
    : [];

/**
 * Why these thresholds: each level's containers live one PID (and, with sysbox, user) namespace
 * deeper, and the kernel refuses to nest either beyond 32 (MAX_PID_NS_LEVEL, user_namespaces(7)),
 * so a level at depth 32 cannot start containers. Long before that the cost bites: every level
 * keeps its own dockerd and image copies, and an exec-tunnel connection roughly doubles per level
 * (190/360/680 ms at depth 1/2/3 in the trial), i.e. tens of seconds by depth 8.
 */
export const NESTING_INFO_DEPTH = 4;
export const NESTING_WARNING_DEPTH = 8;
export const KERNEL_NAMESPACE_DEPTH_LIMIT = 32;

const nestingDepth: Check = (facts) => {
  const d = facts.depth;
  if (d >= KERNEL_NAMESPACE_DEPTH_LIMIT) {
    return [makeFinding('nesting-depth', `depth ${d}: at the kernel's limit of ${KERNEL_NAMESPACE_DEPTH_LIMIT} nested namespaces`, { severity: 'error', title: 'Nesting depth at the kernel\'s namespace limit' })];
  }
  if (d >= NESTING_WARNING_DEPTH) {
    return [makeFinding('nesting-depth', `depth ${d} of at most ${KERNEL_NAMESPACE_DEPTH_LIMIT - 1}`, { severity: 'warning', title: 'Very deep nesting' })];
  }
  return d >= NESTING_INFO_DEPTH ? [makeFinding('nesting-depth', `depth ${d}`)] : [];
};

// A running level's logs are read for what the rules know, never guessed at: a guess is offered only where
// something failed (a failed nest, `classify`), so a healthy level's Problems stay quiet.
const logs: Check = (facts) => [
  ...(facts.dmesg ? classify(facts.dmesg, { source: 'dmesg', guesses: false }).map((f) => ownDenial(f, facts.apparmorProfile)) : []),
  ...(facts.daemonLog ? daemonLogFindings(facts.daemonLog, facts.reachable) : []),
];

// A daemon (or its containerd) coming up: dockerd's own lines (context.ts), and containerd's "containerd successfully
// booted in %fs", which dockerd's log carries each time it starts its containerd.
const cameUp = (line: string) => DAEMON_UP.test(line) || /containerd successfully booted in /.test(line);

/**
 * A daemon that answers now has outlived the connection failures its log shows before it (or its containerd) last came
 * up: dockerd retrying, then killing and restarting, a containerd that a busy machine started slowly (seen in CI). A
 * failure logged after that is today's and stays.
 */
function daemonLogFindings(log: string, reachable: boolean): Finding[] {
  const all = classify(log, { source: 'daemon-log', guesses: false });
  const lines = splitLines(log);
  let lastUp = 0;
  lines.forEach((l, i) => {
    if (cameUp(l)) lastUp = i + 1;
  });
  if (!reachable || lastUp === 0) return all;
  // The log read again from where the daemon last came up, for the failures that are today's.
  const today = classify(lines.slice(lastUp).join('\n'), { source: 'daemon-log', guesses: false })
    .filter((f) => f.id === 'daemon-unreachable')
    .map((f) => ({ ...f, line: f.line === undefined ? undefined : f.line + lastUp }));
  return [...all.filter((f) => f.id !== 'daemon-unreachable'), ...today];
}

/**
 * The kernel log is the whole host's: an AppArmor denial there may be any container's (seen in the VM suite: a
 * confined level's refused import showed on a healthy unconfined level beside it). It is this level's error only when
 * the denial names the profile confining the level; otherwise it is shown as information. An unknown label keeps it.
 */
function ownDenial(f: Finding, label: string | undefined): Finding {
  const own = label?.replace(/\0/g, '').trim().split(/\s/)[0];
  const denied = /\bprofile="([^"]+)"/.exec(f.evidence)?.[1];
  // (`target=` names the profile a process was being moved into: the level's own, when its start was refused.)
  const target = /\btarget="([^"]+)"/.exec(f.evidence)?.[1];
  if (f.id !== 'apparmor-denied' || f.severity === 'info' || !own || !denied || denied === own || target === own) return f;
  return {
    ...f,
    severity: 'info',
    title: `AppArmor (${denied}) denied something on this host, not this level (${own})`,
    hint: `a container with that profile was refused (perhaps one inside this level); this level's own processes run ${own}`,
  };
}

/**
 * The level's root near its kernel key quota: runc gives every container a session keyring, counted against the quota
 * of the host uid the level's root maps to (200 keys and 20,000 bytes by default; the host's own root has
 * root_maxkeys, which dockerd raises to a million). A warning from 90 % of keys or bytes, before containers stop
 * starting; an error once there is no room for one more keyring (about 70 bytes).
 */
const KEY_QUOTA_WARNING = 0.9;
const KEYRING_BYTES = 70;
const keyQuota: Check = (facts) => {
  const q = facts.keyQuota;
  if (!q || q.maxKeys <= 0 || q.maxBytes <= 0) return [];
  const full = q.keys >= q.maxKeys || q.maxBytes - q.bytes < KEYRING_BYTES;
  if (!full && q.keys < KEY_QUOTA_WARNING * q.maxKeys && q.bytes < KEY_QUOTA_WARNING * q.maxBytes) return [];
  const pct = (a: number, b: number) => Math.round((100 * a) / b);
  const evidence = `/proc/key-users: the level's root holds ${q.keys} of ${q.maxKeys} keys (${pct(q.keys, q.maxKeys)} %) and ${q.bytes} of ${q.maxBytes} bytes (${pct(q.bytes, q.maxBytes)} %)`;
  return [makeFinding('keyring-quota', evidence, full ? {} : { severity: 'warning', title: 'The kernel\'s key quota is nearly used up' })];
};

export const daemonChecks: Check[] = [logs, pidfile, reachability, socketMount, nestingDepth, keyQuota];
