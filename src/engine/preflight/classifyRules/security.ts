// LSM denials, missing privileges and capabilities.
import { LineRule } from './types';

// `ps` inside a docker-default container is denied ptrace on its peers: kernels log it on healthy
// systems (moby/moby#7276), so it must not be mistaken for the failure.
const benignPtrace = (line: string) =>
  /operation="ptrace"/.test(line) && /peer="?docker-default/.test(line) ? 'info' : 'error';

export const securityRules: LineRule[] = [
  { id: 'apparmor-denied', pattern: /apparmor="DENIED"/i, severity: benignPtrace, sources: ['dmesg', 'daemon-log', 'cli-error'] },
  { id: 'apparmor-denied', pattern: /apparmor failed to apply profile/i },
  // "avc:  denied" (two spaces in auditd, one in the kernel ring). AppArmor records also say
  // type=AVC, but never "avc: denied". permissive=1 means the access was only logged.
  { id: 'selinux-denied', pattern: /\bavc:\s+denied\b/i, severity: (l) => (/permissive=1/.test(l) ? 'warning' : 'error') },
  { id: 'selinux-denied', pattern: /SELinux is preventing/i },
  { id: 'caps-unavailable', pattern: /\bapply caps\b:?\s*operation not permitted/i },
  { id: 'not-privileged', pattern: /mount: permission denied \(are you root\?\)/i },
  { id: 'not-privileged', pattern: /Could not mount \/sys\/kernel\/security/i },
  { id: 'not-privileged', pattern: /\bmount:? [^\n]*\bpermission denied\b/i },
  { id: 'not-privileged', pattern: /open \/proc\/sys\/\S+: read-only file system/i },
];
