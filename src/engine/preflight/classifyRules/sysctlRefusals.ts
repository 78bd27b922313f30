// sysctl refused in a container: which tunables a level may set for itself, and which refusals are only hints.
import { LineRule } from './types';

// Sysctls no namespace holds: vm.*, fs.* (but the IPC namespace's fs.mqueue.*), kernel.* (but the IPC namespace's
// shm/msg/sem keys, the UTS namespace's hostname and domainname, the PID namespace's ns_last_pid), and the network keys
// the kernel keeps global (net.core's socket buffer limits and backlog, the conntrack table's size).
const HOST_WIDE_SYSCTL = /^(?:vm\.|fs\.(?!mqueue\.)|kernel\.(?!shm|msg|sem|hostname$|domainname$|ns_last_pid$)|net\.core\.(?:[rw]mem_(?:max|default)|netdev_max_backlog)$|net\.netfilter\.nf_conntrack_max$)/;

// A tunable that only widens what a program may do, which it goes on without: net.ipv4.ping_group_range lets unprivileged
// users open ICMP sockets (cloudflared's and a VPN's ping check warn and carry on). A hint, not a failed start.
const OPTIONAL_SYSCTL = /^net\.ipv4\.ping_group_range$/;

/**
 * procps/busybox sysctl ("sysctl: error setting key '%s': %s", "permission denied on key '%s'") without the
 * privileges to write /proc/sys. procps-ng 3.3+ also says "sysctl: setting key \"%s\": %s"; busybox "error setting key '%s' to '%s': %s". A host-wide
 * tunable is a hint: no container sets it for itself, an image's entrypoint asking for it (Elasticsearch's
 * vm.max_map_count) needs it set on the host.
 */
export const sysctlRefused: LineRule = {
  id: 'not-privileged',
  pattern: /sysctl: (?:(?:error )?setting key ['"][^'"]+['"](?: to '[^']*')?: (?:Read-only file system|Permission denied|Operation not permitted)|(?:error: )?permission denied on key)/i,
  severity: (l) => {
    const key = /(?:setting|on) key ['"]([^'"\n]+)/i.exec(l)?.[1] ?? '';
    return HOST_WIDE_SYSCTL.test(key) || OPTIONAL_SYSCTL.test(key) ? 'info' : undefined;
  },
};
