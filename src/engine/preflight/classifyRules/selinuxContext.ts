// SELinux read from the rest of a text: a refusal beside signs that SELinux is enforcing or in use, and an exec refused
// under no-new-privileges where SELinux shows.
import { TextHit, TextRule } from './types';

// SELinux said to be enforcing in the same paste (`getenforce`, `sestatus`, the config file), or in use at all (a daemon
// started with --selinux-enabled, Fedora's and RHEL's default even on permissive hosts; a bind relabelled with :z/:Z):
// a "Permission denied" there is the label's refusal as often as the mode bits'. A warning where enforcing is shown,
// a hint otherwise.
const SELINUX_ENFORCING = /^\s*Enforcing\s*$|^\s*Current mode:\s+enforcing\b|^\s*SELINUX=enforcing\b|^\s*Enforcing Mode\s+Enforcing\b/i;
// Permissive now (`setenforce 0`, the usual first step) blocks nothing, whatever the config file says: a hint at most.
const SELINUX_PERMISSIVE = /^\s*Permissive\s*$|^\s*Current mode:\s+permissive\b|^\s*Enforcing Mode\s+Permissive\b/i;
// The daemon's flag or daemon.json key, podman info's selinuxEnabled, `docker info`'s security option, podman's relabel.
const SELINUX_IN_USE = /--selinux-enabled(?!=false)\b|"selinux-enabled"\s*:\s*true\b|\bselinuxEnabled"?:\s*"?true\b|\bname=selinux\b|,relabel=(?:shared|private)\b/;
// A listing that shows SELinux labels: `ls -Z` with a host type a container may not touch (user_home_t, var_lib_t…, not
// container_file_t or svirt_sandbox_file_t).
const SELINUX_LABEL_LISTED = /(?:^|\s)\w+_u:object_r:(?!container_|svirt_)\w+_t:s0\b/;
// `ls -l`'s context dot after the mode bits (coreutils marks a file with an SELinux context and no other ACL by "."):
// the files carry labels, so SELinux is on, as with --selinux-enabled: a hint beside a refusal. Files, folders and links
// only: a socket listed so (`srw-rw----.` docker.sock on any Fedora host) is the socket's group, not its label.
const SELINUX_CONTEXT_DOT = /^\W{0,3}[-dl][r-][w-][xsS-][r-][w-][xsS-][r-][w-][xtT-]\.\s+\d+\s/;
// Source, target and options split at colons neither path part may hold, z found by a lookahead: `\S+:\S+:` and
// `(?:\w+,)*[zZ]` split a long token every way (quadratic).
const SELINUX_RELABEL = /\s(?:-v|--volume)[= ][^\s:]+:[^\s:]+:(?=[\w,]*?\b[zZ]\b)[\w,]+(?=\s|$)|^\s*-\s*["']?[^\s:"']+:[^\s:"']+:(?=[\w,]*?\b[zZ]\b)[\w,]+["']?\s*$/;
const EACCES_LINE = /\bpermission denied\b|\bI\/O error : Permission denied\b/i;
// The user switching SELinux to permissive at a prompt (`setenforce 0`, after a bare, RHEL or Debian prompt): testing the
// label as the cause of a refusal printed before it. A hint: the paste does not show whether it helped. Refusals after
// it happened in permissive mode, which blocks nothing; "SELinux is disabled" in reply says SELinux was never the cause.
const SELINUX_TOGGLED = /^\s*(?:\[[^\]\n]{1,80}\][#$]|\S{1,80}@\S{1,80}:\S{0,200}[#$]|[#$])?\s*(?:sudo\s+)?setenforce\s+(?:0|permissive)\s*$/i;
const SELINUX_DISABLED = /\bSELinux is disabled\b/i;

function selinuxBeside(all: readonly string[]): TextHit[] {
  if (all.some((l) => SELINUX_DISABLED.test(l))) return [];
  // Only what came before a switch to permissive: refusals after it were not SELinux's.
  const toggle = all.findIndex((l) => SELINUX_TOGGLED.test(l));
  const lines = toggle >= 0 ? all.slice(0, toggle) : all;
  const enforcing = lines.some((l) => SELINUX_ENFORCING.test(l)) && !lines.some((l) => SELINUX_PERMISSIVE.test(l));
  const inUse = (l: string) => SELINUX_IN_USE.test(l) || SELINUX_RELABEL.test(l) || SELINUX_LABEL_LISTED.test(l) || SELINUX_CONTEXT_DOT.test(l);
  if (!enforcing && toggle < 0 && !lines.some(inUse)) return [];
  const index = lines.findIndex((l) => EACCES_LINE.test(l));
  return index >= 0 ? [{ index, severity: enforcing ? 'warning' : 'info' }] : [];
}

// --security-opt no-new-privileges with an exec refused by EPERM (runc "exec user process caused \"operation not
// permitted\""): under SELinux the domain transition NNP forbids (the kernel's type=1401 denial). A hint, unless SELinux
// shows in the text: an old libseccomp refuses exec the same way, and no-new-privileges is common hardening.
const NNP = /no-new-privileges/i;
const SELINUX_SHOWN = /type=(?:AVC|1401|SELINUX_ERR)\b|\bSELinux\b|^\s*Enforcing\s*$|--selinux-enabled/i;
/** runc's exec of a container's process refused with EPERM (standard_init_linux.go: exec user process caused …). */
export const EXEC_EPERM = /exec user process caused:? \\*"?operation not permitted/i;
// getsebool showing the boolean that lets a container's systemd manage its cgroups switched off ("container_manage_cgroup
// --> off"): the policy's default, harmless to anything but a systemd level. A hint where the paste asks about it (a
// few booleans listed, not `getsebool -a`'s hundreds) or shows systemd refused its cgroups.
const BOOLEAN_LISTED = /^\s*(\w+) --> (?:on|off)\s*$/;
const CGROUP_BOOLEAN_OFF = /^\s*container_manage_cgroup --> off\s*$/;
const SYSTEMD_CGROUP_REFUSED = /control group: Permission denied|Failed to allocate manager object/i;

function cgroupBooleanOff(lines: readonly string[]): TextHit[] {
  const index = lines.findIndex((l) => CGROUP_BOOLEAN_OFF.test(l));
  if (index < 0) return [];
  const listed = new Set(lines.map((l) => BOOLEAN_LISTED.exec(l)?.[1]).filter(Boolean));
  return listed.size <= 3 || lines.some((l) => SYSTEMD_CGROUP_REFUSED.test(l)) ? [{ index, severity: 'info' }] : [];
}

export const selinuxContextRules: TextRule[] = [
  { id: 'selinux-denied', scan: (lines) => selinuxBeside(lines) },
  { id: 'selinux-denied', scan: (lines) => cgroupBooleanOff(lines) },
  {
    id: 'selinux-denied',
    scan(lines) {
      const i = lines.findIndex((l) => EXEC_EPERM.test(l));
      if (i < 0 || !lines.some((l) => NNP.test(l))) return [];
      return [{ index: i, severity: lines.some((l) => SELINUX_SHOWN.test(l)) ? 'warning' : 'info' }];
    },
  },
];
