// Devices and kernel interfaces a container gets only when asked (`--device`, `--privileged`): a program inside that
// reaches for one and finds it missing or refused says the container was started without it. Hints: the same program
// prints the same on a host without the hardware or module, and the user may not want the device in the level at all.
import { LOOP_SETUP_FAILED } from './kernelWordings';
import { LineRule } from './types';

const hint = (pattern: RegExp, text?: string): LineRule => ({ id: 'not-privileged', pattern, severity: 'info', ...(text ? { hint: text } : {}) });

const PASS_THE_DEVICE = (device: string, extra = '') =>
  `The program in this container needs ${device}, which a container gets only when it is passed in (docker run --device ${device}, or devices: in Compose${extra}) or when it runs privileged. Check that the host has it first: on a host or VM without the module or hardware the same message appears.`;

export const deviceAccessRules: LineRule[] = [
  // util-linux mount without a loop device for an image file (the other reading, a module, in kernelWordings.ts).
  hint(LOOP_SETUP_FAILED, PASS_THE_DEVICE('/dev/loop-control and /dev/loop* devices')),
  // OpenVPN opening its tunnel device (tun.c "Cannot open TUN/TAP dev %s"): ENOENT where /dev/net/tun was not passed,
  // EPERM where the node is there and the devices cgroup refuses it.
  hint(/Cannot open TUN\/TAP dev \/dev\/net\/tun: (?:No such file or directory|Operation not permitted)/i, PASS_THE_DEVICE('/dev/net/tun', ', with the NET_ADMIN capability')),
  // ENODEV opening the node is another matter: the node is there but no tun driver answers it, the host's kernel has not
  // loaded tun.
  {
    id: 'kernel-module-missing',
    pattern: /Cannot open TUN\/TAP dev \/dev\/net\/tun: No such device\b/i,
    severity: 'warning',
    hint: 'The container has /dev/net/tun but no tun driver answers it: load the tun module on the host that runs the daemon (modprobe tun, and list it in /etc/modules-load.d; on Synology, insmod /lib/modules/tun.ko from a boot task).',
  },
  // Its device opened but the interface refused (tun.c "Cannot ioctl TUNSETIFF %s"): the kernel's tun_set_iff answers
  // EPERM to a creator without CAP_NET_ADMIN in its network namespace, which a container has only when given it. A hint:
  // OpenVPN says the same on a restart after dropping to an unprivileged user without persist-tun. (OpenConnect: "Failed to
  // bind local tun device (TUNSETIFF): %s".)
  {
    id: 'not-privileged',
    pattern: /Cannot ioctl TUNSETIFF \S+: Operation not permitted|Failed to bind local tun device \(TUNSETIFF\): Operation not permitted/i,
    severity: 'info',
    hint: 'The VPN in this container may not create its tunnel interface: that needs the NET_ADMIN capability. Add it to the container (--cap-add NET_ADMIN, or cap_add: in Compose) with the /dev/net/tun device. If it failed only on a restart after dropping privileges (user nobody), add persist-tun to its configuration instead.',
  },
  // The Android emulator's acceleration check ("KVM is not installed on this machine (/dev/kvm is missing)."): the
  // container has no /dev/kvm (a host or VM without nested virtualisation prints the same).
  hint(/KVM is not installed on this machine \(\/dev\/kvm is missing\)/i, PASS_THE_DEVICE('/dev/kvm')),
  // debugfs/tracefs inside a container (bcc, perf, bpftrace opening kprobe_events and the like): not mounted writable or
  // refused without the privileges tracing needs.
  hint(/\/sys\/kernel\/(?:debug\/)?tracing\/[\w./-]+\)?: Permission denied/i),
  // /proc/mounts rows of the tmpfs the runtime lays over /proc's sensitive files (moby's and the CRI's default
  // masked paths): present only in a container that is not privileged (and not procMount: Unmasked).
  hint(/^tmpfs \/proc\/(?:acpi|asound|interrupts|kcore|keys|latency_stats|timer_list|timer_stats|sched_debug|scsi) tmpfs\b/),
  // A capability the container was not given, as libcap's capsh --has-p reports it ("cap[%s] not permitted"), and an
  // image's own start-up check built on it (Jitsi's Jibri: "Required capability %s is missing").
  hint(/^\S*(?:\s+\|)?\s*cap\[cap_\w+\] not permitted\s*$/),
  { id: 'not-privileged', pattern: /\bRequired capability [A-Z_]+ is missing\b/, severity: 'warning' },
  // systemd's exit status 226 (EXIT_NAMESPACE): a unit's sandboxing (DynamicUser=, PrivateTmp=, ProtectSystem=) could not
  // set up its mount namespace, which needs CAP_SYS_ADMIN in the container (an LSM refuses it too: a hint).
  hint(/\bcode=exited, status=226\/NAMESPACE\b|\bcode=exited\/status=226\b/),
];
