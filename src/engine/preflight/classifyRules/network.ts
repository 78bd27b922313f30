// iptables, kernel modules and published ports.
import { Severity } from '../../core/finding';
import { beside, hintBelowError, LineContext, LineRule, TextRule, TextHit } from './types';

// A rule the daemon logged below error level did not stop it: dockerd warns and carries on when it
// re-creates a network restored from its store ("could not create bridge network for id %s … while
// booting up from persistent state: %v") or probes a chain that is not there yet ("Running iptables
// … failed with message: …"). Only informational then.
const loggedFailure = (_l: string, ctx: LineContext): Severity | null =>
  ctx.level === 'debug' || ctx.level === 'info' ? null : ctx.level === 'warning' ? 'info' : 'error';

const NEEDED_CONFIG = '(?:VETH|BRIDGE|BRIDGE_NETFILTER|IP_NF_(?:IPTABLES|FILTER|MANGLE|TARGET_MASQUERADE|RAW|NAT)|NETFILTER_XT_MATCH_(?:ADDRTYPE|CONNTRACK)|NETFILTER_XT_MARK|NF_NAT|NF_CONNTRACK)';
// (A pasted check-config line may keep a quote's "> " or Markdown's bold around it.)
const KERNEL_CONFIG_MISSING = new RegExp(`^[\\s>*]*(?:#\\s*CONFIG_${NEEDED_CONFIG} is not set|-\\s*CONFIG_${NEEDED_CONFIG}: missing)[\\s*]*$`);

// The IPv6 side of the same (the config names ip6tables' tables and matches): dockerd's ip6tables rules fail without it.
const IPV6_CONFIG_MISSING = /^[\s>*]*(?:#\s*CONFIG_IP6_NF_(?:IPTABLES|FILTER|NAT|TARGET_MASQUERADE) is not set|-\s*CONFIG_IP6_NF_(?:IPTABLES|FILTER|NAT|TARGET_MASQUERADE): missing)[\s*]*$/;
const IP6TABLES_FAILED = /\bip6tables(?: --wait)? [^\n]*(?:No chain\/target\/match|can't initialize ip6tables table|Table does not exist)|ip6tables: No chain\/target\/match/i;
// Docker 27+ only warns that it cannot set up ip6tables chains and goes on with IPv4 (a benign line): not that failure.
const IP6TABLES_ONLY_WARNED = /ip6tables is enabled, but cannot set up ip6tables chains|level=warn/i;

// iptables-nft refusing one chain (the backend-mismatch rules below say why it is read as a failure first).
const CHAIN_INCOMPATIBLE = /\bchain [`']\S+' in table [`']\w+' is incompatible, use 'nft' tool/i;
// iptables' lock refused (xshared.c "can't open lock file %s: %s"): read as two causes below.
const XTABLES_LOCK_REFUSED = /can't open lock file \S*xtables\.lock: Permission denied/i;

// An nf_tables operation refused (iptables nft.c "%s failed (%s)"), after the frontend's "(nf_tables)" or as
// iptables-restore's "line %d: TABLE_ADD failed (…)".
const NFT_OP_FAILED = /(?:\(nf_tables\):?\s+(?:line \d+: )?[A-Z_]+|(?:xtables resource problem: |^\s*)line \d+: (?:TABLE|CHAIN|RULE|SET|OBJ)_[A-Z_]+) failed \(/;

export const networkRules: LineRule[] = [
  // python-iptables reading a rule whose match extension libxtables cannot load ("can't find match %s", XTablesError):
  // the host's rules use a match (geoip, an out-of-tree module) the container's xtables lacks.
  { id: 'iptables-failure', pattern: /\bXTablesError: can't find (?:match|target) \w+/i, severity: 'warning' },
  // nf_tables frontend against a kernel (or namespace) that cannot do it: docker:dind on Alpine
  // 3.19 (docker-library/docker#463), WSL2, hosts still on legacy tables.
  // iptables-restore (Docker 28+ batches its rules) prefixes the same "line %d: "; pasted without the version prefix
  // ("xtables resource problem: line 24: TABLE_ADD failed (…)"), the nft operation's name alone says nf_tables.
  { id: 'iptables-backend-mismatch', pattern: NFT_OP_FAILED, severity: 'error' },
  // The nf_tables object the rule needs is unknown to the kernel (iptables nft.c "%s failed (%s)" with
  // ENOENT): a nat chain type or an expression whose module the host kernel lacks or a level cannot load
  // (nft_chain_nat, nft_compat, xt_MASQUERADE). Named before the backend guess: it is why legacy helps.
  { id: 'kernel-module-missing', pattern: new RegExp(`${NFT_OP_FAILED.source}No such file or directory\\)`), severity: 'warning' },
  // The same "%s failed (%s)" with EOPNOTSUPP on TABLE_ADD: the kernel has nf_tables but cannot create the table
  // itself ("TABLE_ADD failed (Not supported): table nat" without nft_chain_nat). strerror() is musl's "Not
  // supported" in Alpine's docker:dind, glibc's "Operation not supported" elsewhere. A chain or rule refused that
  // way stays the backend reading alone (templatesRound3).
  { id: 'kernel-module-missing', pattern: /\(nf_tables\):?\s+(?:line \d+: )?TABLE_ADD failed \((?:Operation )?not supported\)/i, severity: 'error' },
  // EPROTONOSUPPORT from nfnetlink: the kernel has no nf_tables at all (CONFIG_NF_TABLES off, microVM and
  // WSL2 kernels); the legacy backend is the way round it.
  { id: 'kernel-module-missing', pattern: /Failed to initialize nft: Protocol not supported/i, severity: 'error' },
  { id: 'iptables-backend-mismatch', pattern: /Failed to initialize nft: Protocol not supported/i, severity: 'error' },
  // iptables-nft seeing rules of the other backend (nft-shared.c: "# Warning: iptables-legacy tables
  // present, use iptables-legacy to see them"), or tables created by nft itself ("table `%s' is
  // incompatible, use 'nft' tool.").
  // Its per-chain form ("chain `%s' in table `%s' is incompatible, use 'nft' tool.") is what iptables-nft before 1.8.11
  // printed for a chain that does not exist, and later for a chain holding a rule nft added itself (a conntrack rule,
  // kube-proxy's nftables mode): a chain iptables cannot use, the backends a second reading. Tools probe for a chain
  // this way and log the answer below error: a hint there.
  // firewalld's iptables backend losing count of the rules it placed ("COMMAND_FAILED: UNKNOWN_ERROR: nonexistent or
  // underflow of priority count"): another backend (iptables-nft, nft) changed the tables under it.
  { id: 'iptables-backend-mismatch', pattern: /nonexistent or underflow of priority count/i, severity: 'warning' },
  { id: 'iptables-backend-mismatch', pattern: /Warning: ip6?tables-legacy tables present/i },
  { id: 'iptables-backend-mismatch', pattern: /(?<!' in )table [`']\w+' is incompatible, use 'nft' tool/i, severity: 'error' },
  { id: 'iptables-failure', pattern: CHAIN_INCOMPATIBLE, severity: hintBelowError },
  { id: 'iptables-backend-mismatch', pattern: CHAIN_INCOMPATIBLE, severity: 'info' },
  // Calico's Felix saying the same of its iptables-nft-save ("iptables-save failed because there are incompatible nft
  // rules in the table"): rules of nft's own (kube-proxy's nftables mode) in a table it shares.
  {
    id: 'iptables-backend-mismatch',
    pattern: /iptables-save failed because there are incompatible nft rules in the table/i,
    severity: 'warning',
    hint: 'Another program wrote native nftables rules into a table Calico reads through iptables-nft (kube-proxy in nftables mode, a VPN agent). Run kube-proxy in iptables mode, remove those rules, or switch Calico to its nftables dataplane.',
  },
  // iptables-nft against a kernel without nf_tables (VM and microVM kernels, WSL2): the kernel module
  // is missing, and the legacy backend is the usual way out (iptables nft.c "Could not fetch rule
  // set generation id: %s"). Permission denied is the user-namespace case (security.ts).
  { id: 'kernel-module-missing', pattern: /Could not fetch rule set generation id: Invalid argument/i, severity: 'error' },
  { id: 'iptables-backend-mismatch', pattern: /Could not fetch rule set generation id: Invalid argument/i, severity: 'error' },
  // An xtables match or target the kernel (for this backend) cannot load: libxtables
  // "Couldn't load match `%s':%s" / "Couldn't load target `%s':%s"; a missing match also shows as
  // "unknown option" for its flags (--dport needs xt_tcpudp).
  // A target named after one of Docker's own chains (DOCKER, DOCKER-USER, DOCKER-ISOLATION-STAGE-1, …) is no module:
  // the chain is gone (a firewall reload flushed it) or the command ran in a network namespace that never had it.
  // Nor is a name with a hyphen or an underscore (CNI-…, KUBE-…, cali-…, LIBVIRT_PRT, FORWARD_direct): extensions are
  // named without either, chains often with one.
  { id: 'kernel-module-missing', pattern: /Couldn't load (?:match|target) `(?!DOCKER\b)[^'\s_-]+'\s*:\s*No such file or directory/i, severity: 'error' },
  { id: 'iptables-backend-mismatch', pattern: /\((?:legacy|nf_tables)\): Couldn't load (?:match|target) `(?!DOCKER\b)[^'\s_-]+'\s*:\s*No such file or directory/i, severity: 'warning' },
  // dockerd and firewalld wrap the command ("iptables failed: …", "COMMAND_FAILED: '…' failed: …"); bare, it is another
  // program looking for Docker's chain (an IPv6 NAT helper): a hint.
  {
    id: 'iptables-failure',
    pattern: /Couldn't load target `DOCKER(?:-[A-Z0-9-]+)?'\s*:\s*No such file or directory/,
    severity: (l) => (/iptables failed:|COMMAND_FAILED|Error response from daemon|unable to insert jump/i.test(l) ? 'warning' : 'info'),
  },
  { id: 'kernel-module-missing', pattern: /ip6?tables v[\d.]+(?: \(\w+\))?: unknown option "--[\w-]+"/i },
  // runc mounting a kernel filesystem into the rootfs (≤1.0 "mounting %q to rootfs %q at %q caused %q", 1.1+ "error
  // mounting %q to rootfs at %q: %w") with ENODEV: the kernel was built without it (CONFIG_POSIX_MQUEUE, …).
  { id: 'kernel-module-missing', pattern: /mounting \\*"(?:mqueue|cgroup2?|devpts|proc|sysfs|securityfs|hugetlbfs|configfs|debugfs)\\*" to rootfs[^\n]*no such device/i, severity: 'error' },
  // No overlay filesystem in the kernel: ENODEV from mount(2) (moby overlayutils "failed to mount
  // overlay: %w", containerd mount_linux.go "… fstype: overlay … err: %w"), util-linux/busybox
  // "unknown filesystem type 'overlay'".
  { id: 'kernel-module-missing', pattern: /failed to mount overlay: no such device|fstype: overlay\b.*\berr: no such device/i, severity: 'error' },
  // containerd's task mounting the container's overlay root ("failed to mount rootfs component %v: %w", the mount printed
  // as a Go struct "&{overlay overlay [options]}"): ENODEV the same missing filesystem.
  { id: 'kernel-module-missing', pattern: /failed to mount rootfs component &\{overlay overlay\b[^\n]{0,3000}?\}: no such device(?! or address)/i, severity: 'error' },
  // containerd mounting a snapshot at a temporary path (mount.WithTempMount: "failed to mount %s: %w") with ENODEV: the
  // snapshot's filesystem type is not in the kernel (overlay not loaded after a reboot), a warning.
  { id: 'kernel-module-missing', pattern: /failed to mount \S*\/tmpmounts\/[^\s/:]+: no such device(?! or address)/i, severity: 'warning' },
  { id: 'kernel-module-missing', pattern: /unknown filesystem type '?overlay'?/i, severity: 'error' },
  // Any other filesystem the kernel lacks or cannot load (a custom WSL2 kernel with it as a module and no
  // /lib/modules, a router's trimmed kernel): the same util-linux/busybox words; aufs has its own finding.
  { id: 'kernel-module-missing', pattern: /unknown filesystem type '(?!overlay'|aufs')[\w.-]+'/i, severity: 'warning' },
  // Docker 27+ needing br_netfilter for --icc=false or without the userland proxy (drivers/bridge:
  // "cannot restrict inter-container communication or run without the userland proxy: %w" wrapping
  // "ensure that the br_netfilter kernel module is loaded"); libnetwork before it said the same without "the"
  // ("cannot restrict inter-container communication: %v" over "please ensure that br_netfilter kernel module is loaded",
  // when the bridge-nf sysctl file was missing).
  { id: 'kernel-module-missing', pattern: /ensure that (?:the )?br_netfilter kernel module is loaded|DOCKER_IGNORE_BR_NETFILTER_ERROR/i, severity: 'error' },
  // br_netfilter not loaded: its sysctl files are missing (procps "cannot stat %s: %s", open/write ENOENT). Not
  // `docker info`'s "WARNING: bridge-nf-call-iptables is disabled": healthy hosts print it as often as not.
  // kubeadm's preflight says it its own way ("[ERROR FileContent--proc-sys-net-bridge-bridge-nf-call-iptables]: %s does
  // not exist"); a hint where it ran on past it ("[WARNING FileContent--…]", --ignore-preflight-errors).
  {
    id: 'kernel-module-missing',
    pattern: /\/proc\/sys\/net\/bridge\/bridge-nf-call-(?:ip6?|arp)tables(?::? No such file or directory| does not exist)/i,
    severity: (l) => (/\[WARNING FileContent--/.test(l) ? 'info' : 'warning'),
  },
  // libnetwork's bridge driver failing on a kernel feature (e.g. 28.0 needing iptable_raw):
  // "failed to register %q driver: %w".
  // No veth or bridge in the kernel (custom VM/WSL kernels, or modules updated without a reboot):
  // libnetwork "failed to add the host (%s) <=> sandbox (%s) pair interfaces: %v", "Failed to create bridge %s via netlink".
  // A pasted line may break inside the interface names, or before "pair interfaces": the tail alone is libnetwork's.
  { id: 'kernel-module-missing', pattern: /failed to add the host \([^)]*\) <=> sandbox \([^)]*\) pair interfaces: operation not supported|^\)? ?pair interfaces: operation not supported/i, severity: 'error' },
  // macvlan/ipvlan networks on a kernel without the driver (libnetwork "failed to create the %s port: %v"), and Docker
  // 28+'s ipset for its bridges naming the modules it needs ("… (kernel modules ip_set, ip_set_hash_net and
  // netfilter_xt_set are required)"); a bridge driver refused outright ("failed to register \"bridge\" driver: invalid
  // type") is a kernel without bridge support.
  { id: 'kernel-module-missing', pattern: /failed to create the (?:macvlan|ipvlan) port: operation not supported/i },
  // The CNI bridge plugin (Podman 3, containerd, kubelet) the same: "failed to make veth pair: %v" with EOPNOTSUPP;
  // netavark (Podman 4+) "create veth pair: Netlink error: … (os error 95)".
  { id: 'kernel-module-missing', pattern: /failed to make veth pair: operation not supported|\bcreate veth pair: Netlink error: Operation not supported \(os error 95\)/i, severity: 'error' },
  // The module clause is generic wording: an alarm only where it was not logged as a warning the program went on past.
  { id: 'kernel-module-missing', pattern: /\(kernel modules? [\w, ]+ (?:are|is) required\)/i, severity: loggedFailure },
  // libnetwork's bridge driver (1.13+) turning on VLAN filtering for an overlay network's bridge ("enabling default vlan on
  // bridge %s failed %v"): its default_pvid file exists only with CONFIG_BRIDGE_VLAN_FILTERING (check-config lists it).
  { id: 'kernel-module-missing', pattern: /enabling default vlan on bridge \S+ failed\b/i, severity: 'warning' },
  { id: 'kernel-module-missing', pattern: /failed to register "bridge" driver: invalid type/i, severity: 'warning' },
  { id: 'kernel-module-missing', pattern: /Failed to create bridge \S+ via netlink: operation not supported/i, severity: 'error' },
  // netavark 1.3+ (Podman 4.3+) the same ("create bridge: Netlink error: Operation not supported (os error 95)"): a kernel
  // without bridge support (a WSL or appliance kernel).
  { id: 'kernel-module-missing', pattern: /\bcreate bridge: Netlink error: Operation not supported \(os error 95\)/i, severity: 'error' },
  // (netavark 1.0-1.2: "failed to create a bridge interface %s: Received a netlink error message %s".)
  { id: 'kernel-module-missing', pattern: /failed to create a bridge interface \S+: Received a netlink error message Operation not supported \(os error 95\)/i, severity: 'error' },
  { id: 'kernel-module-missing', pattern: /failed to register "bridge" driver: (?:invalid argument|operation not supported|protocol not supported)/i },
  // The kernel's SIOCBRADDBR ioctl (net/socket.c) answers ENOPKG, "package not installed", when no bridge module can be
  // loaded: libnetwork's fallback ("Error creating default \"bridge\" network: %v") and Docker ≤1.x's init_networkdriver
  // job, which printed the errno alone on a line of its own.
  { id: 'kernel-module-missing', pattern: /\bbridge"? network: package not installed|^(?:\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d )?package not installed\s*$/i, severity: 'error' },
  // libnetwork bridge driver: "failed to create NAT chain %s", "Failed to program NAT chain: %s",
  // "Failed to program FILTER chain: %s", "Failed to Setup IP tables: %s", "failed to create FILTER chain".
  { id: 'iptables-failure', pattern: /failed to (?:create|program) (?:NAT|FILTER)(?: internal)? chain/i },
  // RHEL's iptables-services init script without its binary ("${IPTABLES}: /sbin/$IPTABLES does not exist."): the
  // firewall service fails and docker.service, ordered after it, with it.
  { id: 'iptables-failure', pattern: /\bip6?tables: \/s?bin\/ip6?tables does not exist\./i, severity: 'warning' },
  { id: 'iptables-failure', pattern: /Failed to Setup IP tables:/i, severity: loggedFailure },
  // Docker 28+ with firewall-backend=nftables ("internal error while initialising nftables: %w",
  // WithError(err).Warnf("Failed to initialize nftables")).
  { id: 'iptables-failure', pattern: /internal error while initialising nftables/i },
  { id: 'iptables-failure', pattern: /Failed to initiali[sz]e nftables/i, severity: 'warning' },
  // Its nft helper: "failed to find nft tool: %w", "libnftables: failed to apply commands (code %d), stderr: %s".
  // Only probed with firewall-backend=nftables (libnetwork firewall_linux.go: "firewall-backend is set to nftables: %v").
  { id: 'iptables-failure', pattern: /failed to find nft tool/i, severity: 'warning' },
  { id: 'iptables-failure', pattern: /firewall-backend is set to nftables: /i },
  { id: 'iptables-failure', pattern: /libnftables: failed to (?:apply commands|create new nft handle)/i, severity: loggedFailure },
  // No iptables binary: moby libnetwork/iptables "Failed to find iptables: %v" (≤20.10), later
  // log.WithError(err).Warn("failed to find iptables").
  { id: 'iptables-failure', pattern: /failed to find iptables\b/i, severity: 'warning' },
  { id: 'iptables-failure', pattern: /exec: "iptables": executable file not found/i },
  { id: 'iptables-failure', pattern: /ip6?tables: No chain\/target\/match by that name/i, severity: loggedFailure },
  // libnetwork's isolation chains ("unable to add return rule in %s chain: %v"), often quoted without the iptables
  // output: a rule iptables would not take, the two backends disagreeing the usual reason (a hint of that).
  { id: 'iptables-failure', pattern: /unable to add return rule in DOCKER-ISOLATION-STAGE-\d chain/i, severity: 'warning' },
  { id: 'iptables-backend-mismatch', pattern: /unable to add return rule in DOCKER-ISOLATION-STAGE-\d chain/i, severity: 'info' },
  // Docker 1.x wrapped it its own way ("iptables failed: iptables --wait -t nat …: iptables: No chain…", or cut to
  // "iptables failed - No chain/target/match by that name").
  { id: 'iptables-failure', pattern: /\biptables failed\b[^\n]{0,400}?No chain\/target\/match by that name/i, severity: loggedFailure },
  // A chain that "already exists" (-N) is one an earlier run left: dockerd goes on, unless it said it stopped there or
  // refused the client's request over it.
  {
    id: 'iptables-failure',
    pattern: /\bip6?tables failed:/i,
    severity: (l, ctx) => (/Chain already exists/i.test(l) && !/Error starting daemon|failed to start daemon|^FATA|Error response from daemon|failed to create network|driver failed programming/i.test(l) ? 'info' : loggedFailure(l, ctx)),
  },
  // iptables xshared.c: another process (a second daemon on the same network namespace, firewalld)
  // holds /run/xtables.lock: "Another app is currently holding the xtables lock. Perhaps you want to
  // use the -w option?" / "… Stopped waiting after %ds."; "; still %ds %dus time ahead …" is only waiting.
  { id: 'iptables-failure', pattern: /Another app is currently holding the xtables lock(?!; still)/i, severity: 'warning' },
  // Docker 28+ timing its iptables calls (libnetwork/iptables: Warnf("xtables contention detected while
  // running [%s]: Waited for %.2f seconds and received %q")): slow, not failed.
  { id: 'iptables-failure', pattern: /xtables contention detected while running/i, severity: 'info' },
  { id: 'iptables-failure', pattern: /\biptables not found\b/i },
  { id: 'iptables-failure', pattern: /can't initialize iptables table/i },
  // "can't initialize iptables table `%s': %s" cut before its reason (a commit or a CI summary quoting it): a legacy
  // backend on a kernel with nf_tables only is one reading of it.
  { id: 'iptables-backend-mismatch', pattern: /^\s*can't initialize ip6?tables table [`']?\w+'?\s*$/i, severity: 'info' },
  // iptables' lock (xshared.c "can't open lock file %s: %s") refused to a daemon that may write /run: an LSM label on
  // /run (SELinux with rootless dockerd), or a user namespace whose /run it does not own. Bare, it is as often a user who
  // is not root running iptables: a hint then.
  {
    id: 'iptables-failure',
    pattern: XTABLES_LOCK_REFUSED,
    severity: (l, ctx) => (/iptables failed|Error response from daemon|failed to (?:start daemon|create)|dockerd|rootlesskit/i.test(l) ? loggedFailure(l, ctx) : 'info'),
  },
  { id: 'selinux-denied', pattern: XTABLES_LOCK_REFUSED, severity: 'info' },
  // iptables-restore (kube-proxy, Docker 28+ batches): "%s: unable to initialize table '%s'", "%s: line %d failed".
  { id: 'iptables-failure', pattern: /ip6?tables-restore\b[^\n]*(?:unable to initialize table '\w+'|\bline \d+ failed)/i, severity: loggedFailure },
  { id: 'kernel-module-missing', pattern: /do you need to insmod\?/i, severity: 'error' },
  // The same said by the legacy backend ("Table does not exist (do you need to insmod?)") where the kernel has only
  // nf_tables (Ubuntu 26.04 dropped the legacy tables): a script that switched to iptables-legacy. A hint.
  { id: 'iptables-backend-mismatch', pattern: /Table does not exist \(do you need to insmod\?\)/i, severity: 'info' },
  // iptables-restore's wording of a table it cannot initialise (iptables-restore.c: "%s: unable to initialize
  // table '%s'"), printed whatever the errno (EPERM too): a hint. Nor is "Perhaps iptables or your kernel
  // needs to be upgraded." a sign: iptables prints it after any table it cannot initialise.
  { id: 'kernel-module-missing', pattern: /ip6?tables-restore(?: v[\d.]+(?: \(\w+\))?)?: (?:ip6?tables-restore: )?unable to initialize table '\w+'/i, severity: 'info' },
  // nft (Docker 28+ firewall-backend=nftables) on a kernel without the expression or chain type it asks for.
  // Docker 28+ also deletes stale nftables tables at start-up whatever its backend, logging nft's output at info
  // level ("Deleting nftables IPv4 rules" … output="Error: Could not process rule: …"): not a failure then.
  {
    id: 'kernel-module-missing',
    pattern: /Error: Could not process rule: Operation not supported/i,
    severity: (_l, ctx) => (ctx.level === 'debug' || ctx.level === 'info' ? null : ctx.level === 'warning' ? 'info' : 'warning'),
  },
  // iproute2 creating a veth/bridge link the kernel has no driver for (also an IPv6 address where IPv6 is off: a hint).
  // (musl prints EOPNOTSUPP as "Not supported".)
  { id: 'kernel-module-missing', pattern: /RTNETLINK answers: (?:Operation )?not supported\b|Error: Unknown device type\./i, severity: 'info' },
  // libfuse/fusermount (fuse-overlayfs, rootless dind): no fuse in the kernel or no /dev/fuse in the level. A hint: on a
  // host the node is static and loads the module when opened, so a level without the device is the usual cause
  // (privilegeRefusals.ts), and an AppImage in a build step prints the same.
  { id: 'kernel-module-missing', pattern: /fuse:? device not found, try 'modprobe fuse' first/i, severity: 'info' },
  // iptables ≥1.8 names its backend: the legacy one missing a table on a kernel that may only carry
  // nf_tables (6.x distribution kernels drop ip_tables) is the other reading, at warning. 1.8.10 quotes the table
  // with plain single quotes ('nat'), earlier releases with a backtick (`nat').
  { id: 'iptables-backend-mismatch', pattern: /ip6?tables v[\d.]+ \(legacy\): can't initialize ip6?tables table [`']\w+': Table does not exist/i, severity: 'warning' },
  // The raw table alone (Docker 28+ drops direct access to published ports there): kernels built for boards and
  // appliances (Jetson, NAS, phones) leave out iptable_raw while they carry filter and nat.
  { id: 'kernel-module-missing', pattern: /can't initialize ip6?tables table [`']raw': Table does not exist/i, severity: 'error' },
  // A VM runtime (Kata, Firecracker) opening the host's vhost devices without their modules ("open /dev/vhost-vsock:
  // no such device").
  { id: 'kernel-module-missing', pattern: /\bopen \/dev\/vhost-(?:vsock|net): no such (?:device|file or directory)/i, severity: 'warning' },
  { id: 'kernel-module-missing', pattern: /not found as a supported filesys/i, severity: 'error' },
  // A kernel built without what Docker's bridge network needs: a config dump ("# CONFIG_%s is not set",
  // scripts/kconfig) or moby's contrib/check-config.sh ("- CONFIG_%s: missing", its "Generally Necessary"
  // netfilter, bridge and veth flags; IPv6 and IPVS ones only cost IPv6 and swarm).
  { id: 'kernel-module-missing', pattern: KERNEL_CONFIG_MISSING, severity: 'warning' },
  { id: 'kernel-module-missing', pattern: /missing kernel module\?/i },
  // libxtables' revision probe ("Extension %s revision %u not supported, missing kernel module?"): under iptables-nft
  // the kernel's nft_compat could not give the match, the case an image's iptables-legacy avoids: the backend a hint.
  { id: 'iptables-backend-mismatch', pattern: /Extension \S+ revision \d+ not supported, missing kernel module\?/i, severity: 'info' },
  // modprobe cannot work inside a container; healthy dind start-ups print these when the modules
  // are loaded on the host already (docker-library/docker#46).
  { id: 'kernel-module-missing', pattern: /Running modprobe .* failed/i, severity: 'info' },
  // busybox changes into /lib/modules, then into its `uname -r` directory: either may be missing.
  { id: 'kernel-module-missing', pattern: /modprobe: can't change directory to '[^']*'/i, severity: 'info' },
  // kmod without the running kernel's module folder ("could not open moddep file", "lookup_builtin_file() could not open
  // builtin file '%s'"): /lib/modules not bound into the container, or a kernel upgraded and not yet booted.
  { id: 'kernel-module-missing', pattern: /could not open (?:moddep|builtin) file/i, severity: 'info' },
  // kmod "modprobe: FATAL: Module %s not found in directory %s" (WARNING with -a, as dockerd runs it),
  // module-init-tools (≤2012 distributions) "FATAL: Module %s not found.".
  { id: 'kernel-module-missing', pattern: /(?:modprobe: )?(?:FATAL|WARNING|ERROR): Module \S+ not found\b/i, severity: 'info' },
  // kmod "modprobe: ERROR: could not insert '%s': %s", busybox "modprobe: module %s not found in modules.dep".
  { id: 'kernel-module-missing', pattern: /modprobe: ERROR: could not insert '[^']+'/i, severity: 'info' },
  { id: 'kernel-module-missing', pattern: /modprobe: module \S+ not found in modules\.dep/i, severity: 'info' },
  { id: 'dood-port-conflict', pattern: /port is already allocated/i },
  // NGINX Ingress checking its ports before it starts ("Port %v is already in use. Please check the flag --http-port"):
  // with host networking, something on the node (a Rancher server's container, another proxy) already holds it.
  { id: 'dood-port-conflict', pattern: /\bPort \d+ is already in use\. Please check the flag --[\w-]+-port\b/i, severity: 'warning' },
  // Docker for Mac/Windows' vpnkit forwarder: "Error starting userland proxy: Bind for %s: unexpected error (Failure EADDRINUSE)".
  { id: 'dood-port-conflict', pattern: /\(Failure EADDRINUSE\)/ },
  // Docker Desktop's port forwarder: "Ports are not available: [exposing port TCP …: ]listen tcp …: bind: …".
  { id: 'dood-port-conflict', pattern: /Ports are not available: .*\blisten (?:tcp|udp)\S* \S+:\d+: bind:/i },
  // moby: "driver failed programming external connectivity on endpoint %s (%s): %v".
  { id: 'dood-port-conflict', pattern: /driver failed programming external connectivity [^\n]{0,2000}?(?:address already in use|already allocated)/i },
  // The same cut before its reason (a client's truncated reply, a title): a port already taken is its usual one, a hint.
  { id: 'dood-port-conflict', pattern: /driver failed programming external connectivity on endpoint \S+(?: \([0-9a-f]*)?(?:\s*\(truncated\.{3}\)|\s*$)/i, severity: 'info' },
  // libnetwork's overlay driver creating its VXLAN device (swarm's ingress and overlay networks: "error creating vxlan
  // interface: %v") on a kernel without the vxlan module (EOPNOTSUPP).
  { id: 'kernel-module-missing', pattern: /error creating vxlan interface: operation not supported/i, severity: 'warning' },
  { id: 'dood-port-conflict', pattern: /userland proxy: listen \w+ \S+: bind: address already in use/i },
  // Docker 28+ binds host ports itself (portallocator/portmapper: "failed to bind host port %s/%s: %w").
  // (28.2+: "failed to bind host port for %s: %w".)
  { id: 'dood-port-conflict', pattern: /failed to bind host port (?:for )?\S+: address already in use/i },
  // The daemon's bare EADDRINUSE starting a container (a published port or an address of its network another holder
  // took since it last ran: minikube's node restarted on a shared engine). A hint: the text names neither.
  { id: 'dood-port-conflict', pattern: /^\s*(?:docker: )?Error response from daemon: Address already in use\.?\s*$/i, severity: 'info' },
  // pasta (rootless Podman's network since 5.0) publishing a port ("Failed to bind port %d (%s) for option '-t …'"), and
  // oc cluster up's port check ("a port needed by OpenShift is not available"): the daemon's host has the port taken.
  { id: 'dood-port-conflict', pattern: /\bFailed to bind port \d+ \(Address already in use\) for option '-[tu]|\ba port needed by OpenShift is not available\b/i, severity: 'warning' },
  // Windows' NAT network publishing a port another process holds (HNS: "failed to create endpoint %s on network nat:
  // hnsCall failed in Win32: The process cannot access the file because it is being used by another process. (0x20)").
  { id: 'dood-port-conflict', pattern: /\bon network nat: hnsCall failed in Win32: The process cannot access the file because it is being used by another process\b/i, severity: 'warning' },
  // Podman's Docker-compatible API wrapping the same ("something went wrong with the request: \"listen tcp :5000: bind: …").
  // (Podman's own CLI: "cannot listen on the TCP port: listen tcp4 :5000: bind: …".)
  { id: 'dood-port-conflict', pattern: /something went wrong with the request: [^\n]{0,80}?\blisten (?:tcp|udp)[46]? \S*:\d+: bind: address already in use|\bcannot listen on the (?:TCP|UDP) port: listen (?:tcp|udp)[46]? \S*:\d+: bind: address already in use/i, severity: 'warning' },
  // Rootless Podman's port forwarder behind the Docker-compatible API ("rootlessport listen tcp %s: bind: …").
  // (Rootless Docker's RootlessKit: "PortManager.AddPort(): listen tcp4 %s: bind: …".)
  { id: 'dood-port-conflict', pattern: /(?:rootlessport|PortManager\.AddPort\(\):) listen (?:tcp|udp)\S* \S+:\d+: bind: address already in use/i, severity: 'warning' },
  // dnsmasq (Pi-hole's FTL) unable to take its DNS port ("failed to create listening socket for port %d: %s" with
  // EADDRINUSE): on the host's network another resolver (systemd-resolved) holds port 53. A hint.
  {
    id: 'dood-port-conflict',
    pattern: /\bfailed to create listening socket for port \d+: Address (?:already )?in use/i,
    severity: 'info',
    hint: 'Another program already listens on that port. With the host\'s network (network_mode: host) that is any program on the host, often systemd-resolved on port 53: stop it (or its stub listener) or change the port.',
  },
  // nginx in a container failing its own listen ("bind() to %s failed (%d: %s)", EADDRINUSE as glibc's "Address already
  // in use" or musl's "Address in use"): on the host's network (network_mode: host, an add-on, hostNetwork) another
  // program holds that port on the host. A hint: two listeners in its own config read the same.
  {
    id: 'dood-port-conflict',
    pattern: /\bbind\(\) to \S+:\d+ failed \(98: Address (?:already )?in use\)/i,
    severity: 'info',
    hint: 'Another program already listens on that port. With the host\'s network (network_mode: host, a Home Assistant add-on, hostNetwork: true) that is any program on the host: stop it or change the port. In the container\'s own network, look for two listeners on one port in its config.',
  },
];

const IPTABLES_VERSION = /iptables v[\d.]+ \((legacy|nf_tables)\)/;
// `iptables --version` before 1.8 prints no backend: it had only the legacy one.
const IPTABLES_BARE_OLD_VERSION = /^\s*iptables v1\.[0-7]\.\d+\s*$/;
const iptablesBackend = (l: string): string | undefined => IPTABLES_VERSION.exec(l)?.[1] ?? (IPTABLES_BARE_OLD_VERSION.test(l) ? 'legacy' : undefined);

// Docker 0.x/1.x restored a container's published ports at start-up in an allocate_port job; a host port already taken
// failed it with the listener's bare "listen tcp %s: bind: address already in use".
const ALLOCATE_PORT_JOB = /\+job allocate_port\(/;
const PORT_TAKEN = /\blisten (?:tcp|udp)6? \S+:\d+: bind: address already in use/i;

// dockerd-rootless-setuptool.sh (which get.docker.com/rootless runs) listing what to run before it goes on ("[ERROR]
// Missing system requirements. Run the following commands to install the requirements…", then a "sudo sh -eux <<EOF"
// block): its `modprobe ip_tables` or `nf_tables` there is a module the kernel lacks or has not loaded.
const SETUPTOOL_REQUIREMENTS = /Missing system requirements\. Run the following commands/i;
const SETUPTOOL_BLOCK = /^\s*sudo sh -eux <<EOF\s*$/;
const MODPROBE_LINE = /^\s*modprobe (?:ip6?_tables|nf_tables)\s*$/;

export const networkTextRules: TextRule[] = [
  {
    id: 'kernel-module-missing',
    scan(lines) {
      if (!lines.some((l) => IP6TABLES_FAILED.test(l) && !IP6TABLES_ONLY_WARNED.test(l))) return [];
      const index = lines.findIndex((l) => IPV6_CONFIG_MISSING.test(l));
      return index >= 0 ? [{ index, severity: 'warning' }] : [];
    },
  },
  {
    id: 'kernel-module-missing',
    scan(lines) {
      const asked = lines.findIndex((l) => SETUPTOOL_REQUIREMENTS.test(l));
      const block = asked < 0 ? -1 : lines.findIndex((l, i) => i > asked && SETUPTOOL_BLOCK.test(l));
      if (block < 0) return [];
      for (let i = block + 1; i < lines.length && !/^\s*EOF\s*$/.test(lines[i]); i++) {
        if (MODPROBE_LINE.test(lines[i])) return [{ index: i, severity: 'warning' }];
      }
      return [];
    },
  },
  beside('dood-port-conflict', PORT_TAKEN, ALLOCATE_PORT_JOB, 'warning', 'messages'),
  {
    // Two `iptables --version` lines that disagree, e.g. a level's and its parent's.
    id: 'iptables-backend-mismatch',
    scan(lines) {
      let first: string | undefined;
      const hits: TextHit[] = [];
      for (let i = 0; i < lines.length; i++) {
        const backend = iptablesBackend(lines[i]);
        if (!backend) {
          continue;
        }
        if (first === undefined) {
          first = backend;
        } else if (backend !== first) {
          hits.push({ index: i });
        }
      }
      return hits;
    },
  },
];
