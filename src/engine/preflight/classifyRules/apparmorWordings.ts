// AppArmor in the words of the kernel's audit records, aa-log, runc, dockerd and apparmor_parser, and the user-namespace
// restriction of Ubuntu 23.10+ as the programs that asked for a namespace report it (other LSM and privilege wordings:
// security.ts).
import { aaLogSeverity, benignContainerDenial } from './apparmorNoise';
import { MOUNT_RETRIED_READ_ONLY } from './security';
import { LineRule } from './types';

// Home Assistant's Supervisor unable to open its udev monitor (read twice below).
const UDEV_MONITOR_REFUSED = /\bNot privileged to run udev monitor!/;

export const apparmorRules: LineRule[] = [
  // dbus-daemon refusing a message under the sender's profile ("An AppArmor policy prevents this sender from sending this
  // message to this recipient", DBUS_ERROR_ACCESS_DENIED): a container's default profile keeps it off the host's bus. A
  // hint: the program may do without the bus.
  {
    id: 'apparmor-denied',
    pattern: /\bAn AppArmor policy prevents this (?:sender from sending this message|connection from)/i,
    severity: 'info',
    hint: 'The container\'s AppArmor profile keeps it off the host\'s D-Bus. If the program needs the bus, give the container a profile that allows it (or --security-opt apparmor=unconfined to confirm); otherwise the message is harmless.',
  },
  // dockerd (root) refused exec of modprobe with EACCES ("Running modprobe %s failed with message: %s, error: fork/exec
  // /sbin/modprobe: permission denied"): modprobe is executable, so a noexec mount or a security module said no, most
  // often a profile confining the daemon (a snap's AppArmor profile, as snapd's docker interface fixed; an LXC profile):
  // a guess, so a hint; the modules may be there.
  { id: 'apparmor-denied', pattern: /\bfork\/exec (?:\/usr)?\/sbin\/modprobe: permission denied/i, severity: 'info' },
  // socket() itself refused with EACCES (busybox's "ip: socket: Permission denied", Go's "dial unix %s: socket: permission
  // denied", iproute2's "Cannot open netlink socket: Permission denied"): creating a socket needs no capability (a
  // missing one answers EPERM), so a security module's network rules said no, most often a container's AppArmor profile
  // without them. A hint: SELinux refuses the same way. On the engine's socket it sits beside the socket-permission
  // reading. (Not ping, ping6 or arping: ICMP and raw sockets are refused with EACCES by design.)
  { id: 'apparmor-denied', pattern: /(?<!\b(?:ping6?|arping)): socket: permission denied\b|\bCannot open netlink socket: Permission denied\b/i, severity: 'info' },
  { id: 'apparmor-denied', pattern: /apparmor="DENIED"/i, severity: benignContainerDenial, sources: ['dmesg', 'daemon-log', 'cli-error'] },
  // util-linux's mount(8) retrying read-only (read as a missing privilege in security.ts) does so only after EACCES or
  // EROFS, and the kernel asks the LSM before it checks CAP_SYS_ADMIN, so in a container that EACCES is most often
  // docker-default's `deny mount` (SELinux's container_t, or a device node on a nodev mount in a user namespace, answer
  // the same): a hint.
  {
    id: 'apparmor-denied',
    pattern: MOUNT_RETRIED_READ_ONLY,
    severity: 'info',
    hint: 'mount(8) retried read-only after the kernel answered EACCES, which in a container is most often its AppArmor profile (docker-default denies mount) or SELinux. Check dmesg for apparmor="DENIED" or `ausearch -m avc`; give the container a profile that allows the mount, or run it privileged.',
  },
  // Home Assistant's Supervisor failing to open the udev monitor ("Not privileged to run udev monitor!", hardware/monitor.py
  // on any OSError from the netlink socket): in the reports, a privileged Supervisor whose host hassio-supervisor AppArmor
  // profile denies the socket, else a Supervisor started without --privileged (its own "does not run in Privileged
  // mode" then says so). Hints of both.
  {
    id: 'apparmor-denied',
    pattern: UDEV_MONITOR_REFUSED,
    severity: 'info',
    hint: 'If `docker inspect -f "{{.HostConfig.Privileged}}" hassio_supervisor` prints true, the host\'s hassio-supervisor AppArmor profile denies the netlink socket (dmesg shows DENIED lines for it): update that profile (on a Supervised install, reinstall the homeassistant-supervised package) and restart the hassio-supervisor service. If it prints false, start the Supervisor with --privileged.',
  },
  { id: 'not-privileged', pattern: UDEV_MONITOR_REFUSED, severity: 'info' },
  // An exec whose profile transition no_new_privs forbids (info="no new privs" error=-1): refused where the record says
  // DENIED; ALLOWED is a profile in complain mode, where the exec goes on without the transition (a hint). A host
  // program's own profile (a snap, a desktop app that sets no_new_privs) is its business, as above.
  {
    id: 'apparmor-denied',
    pattern: /apparmor="(?:ALLOWED|DENIED)"[^\n]*\boperation="exec"[^\n]*\binfo="no new privs" error=-1\b/i,
    severity: (l) => (benignContainerDenial(l) === null ? null : /apparmor="DENIED"/i.test(l) ? 'warning' : 'info'),
  },
  // The same records as apparmor.d's aa-log prints them ("DENIED  <profile> <operation> … requested=… denied=…").
  { id: 'apparmor-denied', pattern: /^\s*DENIED\s+\S+\s+\w+\b[^\n]*\bdenied=/, severity: (l) => aaLogSeverity(l) },
  // runc applying the profile (libcontainer/apparmor: "apparmor failed to apply profile: %w", 1.1+ also
  // "unable to apply apparmor profile: %w"; rc era errors.Wrap(err, "apply apparmor profile")).
  { id: 'apparmor-denied', pattern: /apparmor failed to apply profile|(?:unable|failed) to apply apparmor profile|\bapply apparmor profile:/i },
  // libcontainer before runc (Docker ≤1.9: "set apparmor profile %s: %s"), writing the profile to /proc/self/attr/current:
  // ENOENT is a profile the kernel does not have (docker-default unloaded, restored by restarting the daemon) or a level
  // without AppArmor's attributes: a hint.
  { id: 'apparmor-denied', pattern: /\bset apparmor profile \S+: (?:no such file or directory|permission denied|invalid argument)/i, severity: 'info' },
  // LXC refusing a container where the kernel's AppArmor lacks what its profile needs (lsm/apparmor.c: "Incomplete
  // AppArmor support in your kernel", then "If you really want to start this container, set" / "lxc.aa_allow_incomplete =
  // 1" / "in your container configuration file", lxc.apparmor.allow_incomplete from 2.1).
  // (Printed as separate records, so the sentence's start is read alone.)
  { id: 'apparmor-denied', pattern: /If you really want to start this container, set\b/i, severity: 'warning' },
  { id: 'apparmor-denied', pattern: /\bIncomplete AppArmor support in your kernel\b/i, severity: 'info' },
  // snap-confine in a container whose snap profiles are not loaded (an LXD container after the host's profiles were
  // reloaded, or restarted): changing to the profile named for the next exec fails with ENOENT, so the snap cannot start.
  { id: 'apparmor-denied', pattern: /\bcannot change profile for the next exec call: No such file or directory\b/i, severity: 'warning' },
  // runc asked for a profile where it sees no AppArmor (securityfs not mounted in the level).
  { id: 'apparmor-denied', pattern: /apparmor: config provided but apparmor not supported/i, severity: 'warning' },
  // dockerd loading docker-default inside LXC/LXD, where apparmor_parser is itself confined
  // (moby daemon/apparmor_default.go, profiles/apparmor: "AppArmor enabled on system but the %s
  // profile could not be loaded: %s", "Could not check if %s AppArmor profile was loaded: %s").
  { id: 'apparmor-denied', pattern: /AppArmor enabled on system but the \S+ profile could not be loaded/i },
  { id: 'apparmor-denied', pattern: /Could not check if \S+ AppArmor profile was loaded/i },
  // apparmor_parser itself ("Unable to add|replace|remove \"%s\".  %s"; EACCES: "attempted to load a profile while
  // confined?"): the runtime's own profile handling refused, as by a confined parser inside LXC or a full-system policy.
  // Adding or removing fails harmlessly too ("Profile already exists", "Profile doesn't exist"): only EACCES counts there.
  { id: 'apparmor-denied', pattern: /apparmor_parser: Unable to replace "[^"]+"|apparmor_parser: Unable to (?:add|remove) "[^"]+"\.\s+Permission denied|attempted to load a profile while confined\?/i },
  // RootlessKit (dind-rootless, rootless dockerd) on Ubuntu 23.10+, where AppArmor lets only profiles with a
  // `userns,` rule create user namespaces: pkg/parent/warn.go logs "This error might have happened because
  // /proc/sys/kernel/apparmor_restrict_unprivileged_userns is set to 1" next to the child's start error.
  { id: 'apparmor-denied', pattern: /might have happened because \/proc\/sys\/kernel\/apparmor_restrict_unprivileged_userns is set to 1/i },
  // nsjail's mount calls refused with EACCES (its "mount('%s', '%s', …): %s"): mount(2) says EPERM without a privilege,
  // so EACCES is a security module's answer, AppArmor's user-namespace restriction on Ubuntu 24.04 first (a hint).
  { id: 'apparmor-denied', pattern: /\bmount\('[^'\n]*', '[^'\n]*', [^)\n]*\): Permission denied/, severity: 'info' },
  // Chromium's zygote without a sandbox it can use ("No usable sandbox! If you are running on Ubuntu 23.10+ or another
  // Linux distro that has disabled unprivileged user namespaces with AppArmor, see …"): that restriction on a host, a
  // container's seccomp profile inside one: a hint.
  { id: 'apparmor-denied', pattern: /No usable sandbox! If you are running on Ubuntu 23\.10\+ or another Linux distro that has disabled unprivileged user namespaces with AppArmor/i, severity: 'info' },
  // The same restriction told by the program that asked (Apptainer "Failed to create user namespace: %s", bubblewrap
  // "Creating new namespace failed: %s", containers/storage "Error during unshare(CLONE_NEWUSER): %v"): the kernel answers
  // an unprivileged level's clone with EPERM (not-privileged) or ENOSPC (the sysctl's limit), an LSM's refusal with EACCES.
  {
    id: 'apparmor-denied',
    pattern: /\b(?:Failed to create user namespace|Creating new namespace failed|unshare\(CLONE_NEWUSER\)(?: failed)?): Permission denied\b|\bfailed to start the child: fork\/exec \/proc\/self\/exe: permission denied/i,
    severity: 'warning',
    hint: 'The kernel refused a new user namespace with EACCES, an LSM\'s answer: on Ubuntu 23.10 and later AppArmor lets only programs whose profile allows `userns,` create one (kernel.apparmor_restrict_unprivileged_userns=1); SELinux\'s user_namespace create permission answers the same way. Give the program such a profile on the host, or set that sysctl to 0 there.',
  },
  // Under that restriction the namespace is made in an unprivileged_userns profile that may not write its id map
  // (bubblewrap "setting up uid map: %m"): a hint.
  { id: 'apparmor-denied', pattern: /\bsetting up [ug]id map: Permission denied/i, severity: 'info' },
  // Docker 1.x loading docker-default ("Error loading docker apparmor profile: %s (%s)"), moby 25+
  // (log.WithError(err).Error("Failed to load default apparmor profile"): the daemon starts, runs fail),
  // and the parser call itself (pkg/aaparser, moby/profiles: "running `%s %s` failed with output: …").
  { id: 'apparmor-denied', pattern: /Error loading docker apparmor profile/i },
  { id: 'apparmor-denied', pattern: /Failed to load default apparmor profile/i, severity: 'warning' },
  { id: 'apparmor-denied', pattern: /running [`']\S*apparmor_parser\b[^`']*[`'] failed with output/i },
];
