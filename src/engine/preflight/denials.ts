// What a "permission denied" mount means depends on facts no text holds. A level with CAP_SYS_ADMIN that is still
// denied mounts is not unprivileged: an LSM refused them. AppArmor's docker-default profile denies mounts with quiet
// rules, so in the kernel's default audit mode no `apparmor="DENIED"` line is ever printed (seen on a Debian 12 VM:
// dockerd falls back to vfs after "failed to mount overlay: permission denied", and every layer import fails with
// "remount /, flags: 0x84000: permission denied"). The level's AppArmor label is then the only proof.
import { makeFinding } from './catalog';
import { Finding } from '../core/finding';

export interface DenialFacts {
  /** AppArmor label of the level (/proc/1/attr/current, or the container's AppArmorProfile), e.g. 'docker-default (enforce)'. */
  apparmorProfile?: string;
  /** AppArmor is enabled on the kernel (false: a label cannot confine anything). Undefined: unknown, trust the label. */
  apparmorEnabled?: boolean;
  /** The level holds CAP_SYS_ADMIN (privileged, or capabilities mode with it), so mounts are not refused for lack of it. */
  sysAdmin?: boolean;
}

/** Mount refusals as dockerd, runc, containerd's layer apply and mount(8) print them. */
const DENIED_MOUNT = [
  /failed to mount overlay: permission denied/i,
  /\bremount [^\s,]+, flags: 0x[0-9a-f]+: permission denied/i,
  /\bmount(?:ing)?\b[^\n]*\bpermission denied\b/i,
];

/** The confining label, or undefined for unconfined / no label / AppArmor off. */
function confiningProfile(f: DenialFacts): string | undefined {
  const label = f.apparmorProfile?.replace(/\0/g, '').trim();
  if (!label || f.apparmorEnabled === false || /^unconfined\b/.test(label)) return undefined;
  return label;
}

function deniedMountLine(text: string): string | undefined {
  return text.split(/\r?\n/).map((l) => l.trim()).find((l) => DENIED_MOUNT.some((re) => re.test(l)));
}

/**
 * Rewrites findings with the facts: mounts denied to a level that has CAP_SYS_ADMIN under a confining AppArmor label
 * are `apparmor-denied` (an error, first), not `not-privileged`. Other findings (vfs-fallback, a failed import) stay:
 * they are true consequences. Pure; `text` is what the findings were classified from.
 */
export function explainDenials(findings: readonly Finding[], text: string, facts: DenialFacts): Finding[] {
  const profile = confiningProfile(facts);
  if (!profile || facts.sysAdmin !== true) return [...findings];
  const line = deniedMountLine(text) ?? findings.find((f) => f.id === 'not-privileged')?.evidence;
  if (!line) return [...findings];
  const denied = makeFinding('apparmor-denied', `${line} (AppArmor label of the level: ${profile}; it holds CAP_SYS_ADMIN)`, {
    severity: 'error',
    title: `AppArmor (${profile.split(/\s/)[0]}) denies the nested daemon's mounts`,
  });
  return [denied, ...findings.filter((f) => f.id !== 'not-privileged' && f.id !== 'apparmor-denied')];
}
