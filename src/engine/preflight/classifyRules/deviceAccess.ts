// Devices and kernel interfaces a container gets only when asked (`--device`, `--privileged`): a program inside that
// reaches for one and finds it missing or refused says the container was started without it. Hints: the same program
// prints the same on a host without the hardware or module, and the user may not want the device in the level at all.
import { LineRule } from './types';

const hint = (pattern: RegExp): LineRule => ({ id: 'not-privileged', pattern, severity: 'info' });

export const deviceAccessRules: LineRule[] = [
  // OpenVPN opening its tunnel device (tun.c "Cannot open TUN/TAP dev %s"): ENOENT where /dev/net/tun was not passed,
  // EPERM where the node is there and the devices cgroup refuses it.
  hint(/Cannot open TUN\/TAP dev \/dev\/net\/tun: (?:No such file or directory|Operation not permitted)/i),
  // The Android emulator's acceleration check ("KVM is not installed on this machine (/dev/kvm is missing)."): the
  // container has no /dev/kvm (a host or VM without nested virtualisation prints the same).
  hint(/KVM is not installed on this machine \(\/dev\/kvm is missing\)/i),
  // debugfs/tracefs inside a container (bcc, perf, bpftrace opening kprobe_events and the like): not mounted writable or
  // refused without the privileges tracing needs.
  hint(/\(?\/sys\/kernel\/(?:debug\/)?tracing\/\w+\)?: Permission denied/i),
  // /proc/mounts rows of the tmpfs the runtime lays over /proc's sensitive files (moby's and the CRI's default
  // masked paths): present only in a container that is not privileged (and not procMount: Unmasked).
  hint(/^tmpfs \/proc\/(?:acpi|kcore|keys|latency_stats|timer_list|timer_stats|sched_debug|scsi) tmpfs\b/),
];
