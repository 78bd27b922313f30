// Privileges refused in the words of runtimes and tools security.ts and privilegeRefusals.ts do not read: runc's
// nsenter across its versions, Docker 1.6's bridge and libcontainer, crun, LXC's log format, youki, gVisor, sysbox,
// kaniko, BuildKit's binfmt installer and netavark.
import { Severity } from '../../core/finding';
import { beside, LineRule, TextRule } from './types';

const EPERM = String.raw`(?:Operation not permitted|EPERM)`;
// LXC's log line puts the errno's text before the message ("… ERROR conf - conf.c:setup_utsname:668 - Operation not
// permitted - Failed to set the hostname to \"c1\"", 1.x/2.x "lxc-start: start.c: lxc_spawn: 1108 Operation not
// permitted - Failed to clone a new set of namespaces.").
const lxc = (errno: string, message: string) => new RegExp(String.raw`\b(?:${errno}) - ${message}`, 'i');
// LXC logs the failures it goes on without at its lower levels, the same way (an optional mount entry "… (optional)", the
// overlay driver's "Retrying without workdir"): never shown.
const LXC_WENT_ON = /\s(?:TRACE|DEBUG|INFO|NOTICE)\s+\S+ - |\(optional\)|Retrying without/;
const lxcSeverity = (severity: Severity) => (l: string) => (LXC_WENT_ON.test(l) ? null : severity);

export const runtimeWordingRules: LineRule[] = [
  // runc's nsenter across versions: "nsenter: Unable to unshare namespaces" (1.0-rc1, Docker 1.12), "unable to unshare
  // namespaces" (rc2), "Failed to setns to %s" (rc1), "failed to setns to %s" (rc2-rc92), "failed to setns into %s
  // namespace" (1.0+), "failed to join {%s} namespaces" (1.3+): EPERM is a level without CAP_SYS_ADMIN.
  { id: 'not-privileged', pattern: new RegExp(String.raw`\bnsenter: [Uu]nable to unshare namespaces: ${EPERM}`) },
  { id: 'not-privileged', pattern: new RegExp(String.raw`(?:\bnsenter|\bnsexec(?:-\d+)?\[\d+\]): (?:[Ff]ailed to setns (?:to|into) \w+(?: namespace)?|failed to join \{[\w, ]+\} namespaces): ${EPERM}`), severity: 'warning' },
  // Docker 1.6's bridge setup and libcontainer 1.6-1.9 ("Unable to start network bridge: %s", "Unable to add private
  // network: %s", "Shutting down daemon due to errors: %v" with the bare EPERM; "[8] System error: %s").
  { id: 'not-privileged', pattern: /\bUnable to (?:start network bridge|add private network): operation not permitted|Shutting down daemon due to errors: operation not permitted"?\s*$/i },
  { id: 'not-privileged', pattern: /\[8\] System error: operation not permitted/i, severity: 'info' },
  // runc's container init refused the UTS calls ("sethostname", "setdomainname" as os.SyscallError), crun's clone,
  // sethostname, pivot_root and mount_setattr (crun_make_error: "%s: %m"): no CAP_SYS_ADMIN in the level.
  { id: 'not-privileged', pattern: /error during container init: set(?:host|domain)name: operation not permitted/i, severity: 'warning' },
  { id: 'not-privileged', pattern: /(?:\bcrun: |\bOCI runtime (?:create|start|exec) failed: )(?:clone|sethostname|mount_setattr `[^`\n]{1,300}`): Operation not permitted\b/, severity: 'warning' },
  { id: 'not-privileged', pattern: /(?:^|[\s:])pivot_root: Permission denied\b/, severity: 'info' },
  { id: 'apparmor-denied', pattern: /(?:^|[\s:])pivot_root: Permission denied\b/, severity: 'info' },
  // runc's init opening a namespaced sysctl for a container that sets it (its domainname or hostname, net.*) refused with
  // EACCES: the level's runtime does not let it write /proc/sys (an unprivileged LXC container; its AppArmor profile).
  { id: 'caps-unavailable', pattern: /error during container init: open \/proc\/sys\/\S+: permission denied/i, severity: 'warning' },
  { id: 'apparmor-denied', pattern: /error during container init: open \/proc\/sys\/\S+: permission denied/i, severity: 'info' },
  // A program making device nodes (cp of /dev/random into a chroot: "cannot create special file %s") where mknod is
  // refused: a user-namespaced level (an unprivileged LXC container) grants no device nodes. A hint.
  { id: 'caps-unavailable', pattern: /cannot create special file '[^'\n]{1,300}': Operation not permitted/i, severity: 'info' },
  // containerd 1.6's temporary mount with the errno alone ("failed to mount %s: %w").
  { id: 'not-privileged', pattern: /\bfailed to mount \/tmp\/containerd-mount\d+: operation not permitted/i, severity: 'warning' },
  // LXC: its namespaces, mounts, hostname, sysctls refused (EPERM, EROFS), a device node (the user namespace's), the
  // AppArmor profile it writes, a pivot_root or mount refused with EACCES (an LSM's, or no privilege).
  { id: 'not-privileged', pattern: lxc('Operation not permitted', String.raw`Failed to (?:clone a new set of namespaces|mount "|set the hostname)`), severity: lxcSeverity('warning') },
  { id: 'not-privileged', pattern: lxc('Operation not permitted|Read-only file system|Permission denied', 'Failed to setup sysctl parameters'), severity: lxcSeverity('warning') },
  { id: 'caps-unavailable', pattern: lxc('Operation not permitted', 'Failed to create device node'), severity: lxcSeverity('warning') },
  { id: 'apparmor-denied', pattern: lxc('Permission denied', 'Failed to write AppArmor profile'), severity: lxcSeverity('warning') },
  { id: 'apparmor-denied', pattern: lxc('Permission denied', String.raw`Failed to (?:pivot into new root directory|mount ")`), severity: lxcSeverity('warning') },
  { id: 'not-privileged', pattern: lxc('Permission denied', String.raw`Failed to (?:pivot into new root directory|mount ")`), severity: lxcSeverity('info') },
  { id: 'cgroup-readonly', pattern: lxc('Permission denied|Read-only file system', 'Failed to enter cgroup'), severity: lxcSeverity('info') },
  // youki's errors in Rust's words ("failed to unshare namespace err=Nix(EPERM)", "failed to set sysctl %s: Read-only
  // file system (os error 30)", "failed to drop capabilities err=Syscall(SetCaps(EPERM))"); netavark's sysctl ("set
  // sysctl %s: IO error: Read-only file system (os error 30)"): /proc/sys read-only in an unprivileged level.
  { id: 'not-privileged', pattern: /\bfailed to (?:unshare namespace|set hostname)\b[^\n]{0,100}\berr=Nix\(EPERM\)/, severity: 'warning' },
  { id: 'caps-unavailable', pattern: /\bfailed to drop capabilities\b[^\n]{0,100}\bSetCaps\(EPERM\)/, severity: 'warning' },
  { id: 'not-privileged', pattern: /\b(?:failed to set|set) sysctl \S+(?::| IO error:)[^\n]{0,40}Read-only file system \(os error 30\)/i, severity: 'warning' },
  // gVisor's sandbox ("… since we don't have CAP_SYS_ADMIN", "… CAP_SETUID or CAP_SETGID", "unable to run a rootless
  // container without userns"); sysbox's sysctl check ("kernel is not configured to allow unprivileged users to create
  // namespaces").
  { id: 'not-privileged', pattern: /\bsince we don't have CAP_(?:SYS_ADMIN|SETUID or CAP_SETGID)\b/, severity: 'warning' },
  { id: 'rootless-prerequisites', pattern: /unable to run a rootless container without userns|kernel is not configured to allow unprivileged users to create namespaces/i, severity: 'warning' },
  // runc's validation ("user namespaces aren't enabled in the kernel"), containers/storage's and Podman's newuidmap
  // without its setuid bit ("%s should be setuid or have filecaps setuid", "cannot set up namespace using %q: should have
  // setuid or have filecaps setuid", 3.x "cannot setup namespace using %s").
  { id: 'rootless-prerequisites', pattern: /user namespaces aren't enabled in the kernel/i, severity: 'warning' },
  // runc's nsexec writing a rootless container's id maps ("failed to update /proc/%d/uid_map" for an errno other than
  // EPERM, mostly EINVAL: a range the level does not have; on EPERM it tries newuidmap and says "failed to use newuid map
  // on %d"), and setgroups ("failed to write '%s' to /proc/%d/setgroups").
  { id: 'rootless-prerequisites', pattern: /failed to (?:update \/proc\/\d+\/[ug]id_map: (?:Invalid argument|Permission denied)|write '\w+' to \/proc\/\d+\/setgroups: (?:Operation not permitted|Permission denied))|failed to use new[ug]id map on \d+/i, severity: 'warning' },
  { id: 'rootless-prerequisites', pattern: /should (?:be|have) set[ug]id or have filecaps set[ug]id|cannot set ?up namespace using "?\S+?"?:/i, severity: 'warning' },
  // kaniko unpacking an image where it may not chown ("failed to get filesystem from image: chown %s: operation not
  // permitted"): a container whose capabilities were dropped (a restricted pod).
  { id: 'not-privileged', pattern: /failed to get filesystem from image: (?:l?chown) \S+: operation not permitted/i, severity: 'warning' },
  // tonistiigi/binfmt, which BuildKit's cross-platform builds run to register qemu ("EPERM opening %s check
  // permissions?", "cannot mount binfmt_misc filesystem at %s: %v").
  { id: 'not-privileged', pattern: /EPERM opening \/proc\/sys\/fs\/binfmt_misc\/\S+ check permissions\?|cannot mount binfmt_misc filesystem at \S+: (?:operation not permitted|permission denied)/i },
  // ENODEV there: the kernel has no binfmt_misc filesystem registered (its module not loaded on the host).
  { id: 'kernel-module-missing', pattern: /cannot mount binfmt_misc filesystem at \S+: no such device/i, severity: 'warning' },
];

// The same printed with its stack (pkg/errors' %+v): the cause's line ("no such device") first, then the message.
const BINFMT_MOUNT_BARE = /^\s*cannot mount binfmt_misc filesystem at \S+\s*$/i;
// Fedora's mock refused setting up its build root (its util "ERROR: [Errno 1] Operation not permitted", then "The most
// common cause for this error is trying to run %s as an unprivileged user."): in a container that is the container's
// missing privileges (the namespaces and mounts mock makes), as a user outside the mock group its own: a hint.
const MOCK_EPERM = /^\s*ERROR: \[Errno 1\] Operation not permitted\s*$/;
const MOCK_UNPRIVILEGED = /The most common cause for this error is trying to run \S*\/mock as an unprivileged user/;

export const runtimeWordingTextRules: TextRule[] = [
  beside('not-privileged', MOCK_EPERM, MOCK_UNPRIVILEGED, 'info'),
  {
    id: 'kernel-module-missing',
    scan: (lines) => {
      const index = lines.findIndex((l, i) => BINFMT_MOUNT_BARE.test(l) && i > 0 && /\bno such device\s*$/i.test(lines[i - 1]));
      return index >= 0 ? [{ index, severity: 'warning' }] : [];
    },
  },
];
