// Firewall programming and kernel modules in the words network.ts does not read: libnetwork's own wrappers around a
// failed iptables call (older and newer), Docker 28/29's nftables backend, swarm's ingress and encrypted overlay, and
// the module loaders (busybox and kmod's modprobe and insmod, moby's own modprobe).
import { hintBelowError as failed, LineRule, loggedBelowError, TextHit, TextRule } from './types';

export const firewallWordingRules: LineRule[] = [
  // libnetwork (bridge driver, resolver, swarm): "Unable to enable %s rule: %s" (NAT, SKIP DNAT, ACCEPT NON_ICC
  // OUTGOING…), "Unable to allow|prevent intercontainer communication: %s", "Failed to inject %s in PREROUTING|OUTPUT
  // chain: %s", "could not create %s/%s chain: %s", "failed to add jump rules to %s NAT table: %w", "failed to append
  // jump rules to nat-PREROUTING: %s", "failed to add default-drop rule: %w", "failed to create DOCKER-USER %v chain".
  { id: 'iptables-failure', pattern: /\bUnable to enable [A-Z][A-Za-z0-9_ ]{0,40} rule: /, severity: failed },
  { id: 'iptables-failure', pattern: /\bUnable to (?:allow|prevent) intercontainer communication: |\bFailed to inject \S+ in (?:PREROUTING|OUTPUT) chain: /i, severity: failed },
  { id: 'iptables-failure', pattern: /\bcould not create (?:nat|filter|mangle|raw)\/\S+ chain: /i, severity: (l, ctx) => (/Chain already exists/i.test(l) || loggedBelowError(ctx) ? 'info' : undefined) },
  { id: 'iptables-failure', pattern: /failed to add jump rules to ipv4 NAT table: |failed to append jump rules to nat-(?:PREROUTING|OUTPUT): |failed to add default-drop rule: /i, severity: failed },
  { id: 'iptables-failure', pattern: /failed to create DOCKER-USER (?:ipv[46] )?chain: /i, severity: (l, ctx) => (/\bipv6\b/i.test(l) || loggedBelowError(ctx) ? 'info' : undefined) },
  // The embedded DNS server's rules inside a container ("setting up DNAT/SNAT rules failed: %v"): the container runs,
  // its 127.0.0.11 does not answer.
  { id: 'iptables-failure', pattern: /setting up DNAT\/SNAT rules failed: /i, severity: 'warning' },
  // Swarm's ingress ("failed to create ingress chain: %v", "Could not flush nat table ingress chain rules during init",
  // "failed to program ingress ports: %v").
  { id: 'iptables-failure', pattern: /failed to create ingress chain: |Could not flush (?:nat|filter) table ingress chain rules during init: |failed to program ingress ports: /i, severity: failed },
  // Docker 28/29's nftables backend ("nftables: failed to update nftables", "failed to reload nftable", "running nft: %s
  // %w", "starting nft: %w") and its refusal beside swarm mode.
  { id: 'iptables-failure', pattern: /nftables: failed to (?:update nftables|reload nftable)\b|\b(?:running|starting) nft: |firewall-backend=nftables is incompatible with swarm mode/i, severity: failed },
  // iptables opening its lock ("Fatal: can't open lock file %s: %s") where a bind mount of a lock file missing on the
  // host made Docker create a directory in its place: every call fails.
  {
    id: 'iptables-failure',
    pattern: /can't open lock file \S*xtables\.lock: Is a directory/i,
    severity: 'error',
    hint: 'The container\'s xtables lock is a directory: it was bind-mounted from a path that did not exist on the host, so Docker created a folder there. Remove that folder on the host, create the file at the mount\'s source path (touch /run/xtables.lock) and keep it across reboots (a systemd-tmpfiles line "f /run/xtables.lock 0600 root root -"; in Kubernetes, hostPath type FileOrCreate), then restart the container.',
  },
  // nft reading the kernel's ruleset before any change ("netlink: Error: cache initialization failed: %s") refused with
  // EINVAL or EOPNOTSUPP: the kernel has no nf_tables (or too old a one for the image's nft), as on NAS kernels.
  {
    id: 'kernel-module-missing',
    pattern: /\bnetlink: Error: cache initialization failed: (?:Invalid argument|Operation not supported|Protocol not supported)/i,
    severity: 'warning',
    hint: 'The host kernel refused nft\'s first request: it has no nf_tables (NAS kernels often lack it; load nf_tables on the host if it is built), or the image\'s nft speaks a newer nf_tables than the kernel does (use the image\'s iptables-legacy or an older nft, or a newer host kernel).',
  },
  // The kernel module loaders: busybox ("modprobe: can't load module %s (%s): %s"), kmod and busybox insmod ("insmod:
  // ERROR: could not insert module %s: %s", "insmod: can't insert '%s': %s"; "File exists" is one already loaded), moby's
  // own ("modprobe %s failed with message: %q") and its br_netfilter warning: hints (a level cannot load modules, which
  // is harmless where the host has them); swarm's encrypted overlay without the IPsec modules, an error.
  { id: 'kernel-module-missing', pattern: /\bmodprobe: can't load module \S+ \([^)\n]{0,300}\): /i, severity: 'info' },
  { id: 'kernel-module-missing', pattern: /\binsmod: (?:ERROR: could not (?:insert|load) module \S+|can't insert '[^'\n]{1,300}'): (?!File exists)/i, severity: 'info' },
  { id: 'kernel-module-missing', pattern: /\bmodprobe \S+ failed with message: "(?!")|Continuing without enabling br_netfilter/i, severity: 'info' },
  { id: 'kernel-module-missing', pattern: /required modules to install IPSEC rules are missing on host/i, severity: 'error' },
  // calicoctl's checksystem finding a module neither loaded nor built in ("Unable to detect the %s module as
  // Loaded/Builtin module or lsmod", then the module's row marked FAIL): a warning for those Calico's data plane needs,
  // a hint for the optional ones (xt_u32, ipt_ipvs), which fail harmlessly on many hosts.
  {
    id: 'kernel-module-missing',
    pattern: /\bUnable to detect the \S+ module as Loaded\/Builtin module or lsmod\b/i,
    severity: (l) => (/\bthe (?:ip_tables|ip6_tables|ip_set|xt_set|xt_conntrack|xt_mark|xt_multiport|ipt_set|ipip|vxlan|nf_conntrack\w*) module\b/.test(l) ? 'warning' : 'info'),
  },
];

// nft rejecting a rule with ENOENT ("Error: Could not process rule: No such file or directory"), then the rule and a caret
// line under the part the kernel refused: under an expression (ct, queue, fib, masquerade…), that expression's module is
// missing from the kernel (a WSL2 or appliance kernel built without it); under a table, chain or set, the object is.
const NFT_ENOENT = /Error: Could not process rule: No such file or directory/i;
// (nft echoes the rule's line as given: an `add rule` command, or a statement inside a `chain … { }` block of a file.)
const NFT_ECHOED = /\S/;
// Statements that name an object the ruleset defines (a ct helper, timeout or expectation, a named limit or quota): ENOENT
// there is that object missing, not the expression's module.
const NAMES_OBJECT = /^(?:ct\s+(?:helper|timeout|expectation)\s+set\b|(?:limit|quota|counter)\s+name\b)/;
const NFT_EXPRESSIONS = new Set(['ct', 'queue', 'fib', 'masquerade', 'snat', 'dnat', 'redirect', 'tproxy', 'numgen', 'jhash', 'symhash', 'limit', 'quota', 'log', 'osf', 'socket', 'synproxy', 'xfrm', 'rt', 'notrack', 'flow', 'connlimit', 'reject', 'dup', 'fwd', 'tunnel', 'inner']);

// ENOENT right after `nft add chain … { type nat hook … }`: the nat chain type (nft_chain_nat) is not in the kernel.
const NAT_CHAIN_ADDED = /\bnft\b[^\n]{0,200}\badd chain\b[^\n]{0,200}\btype nat hook\b/;

function nftExpressionMissing(lines: readonly string[]): TextHit[] {
  for (let i = 1; i < lines.length; i++) {
    if (NFT_ENOENT.test(lines[i]) && NAT_CHAIN_ADDED.test(lines[i - 1])) return [{ index: i, severity: 'warning' }];
  }
  for (let i = 0; i + 2 < lines.length; i++) {
    if (!NFT_ENOENT.test(lines[i]) || !NFT_ECHOED.test(lines[i + 1])) continue;
    // (Both lines may carry the same prefix: a terminal pane's border, a CI log's indent.)
    const carets = /\^+/.exec(lines[i + 2]);
    if (!carets || lines[i + 2].replace(/^[\s│┃|]+/, '').trim() !== carets[0]) continue;
    const refused = lines[i + 1].slice(carets.index);
    const word = /^[a-z_]+/.exec(refused)?.[0];
    if (word && NFT_EXPRESSIONS.has(word) && !NAMES_OBJECT.test(refused)) return [{ index: i, severity: 'warning' }];
  }
  return [];
}

// The same chain of the same table listed through both backends (`iptables -L FORWARD` and `iptables-legacy -L FORWARD`,
// or -nft; `-S` prints the policy as "-P FORWARD DROP") with a different policy ("Chain FORWARD (policy DROP)"): two
// programs write two rulesets the kernel runs both of, so one's ACCEPT does not open what the other's DROP closes. A
// hint: an unused legacy set keeps its default too.
const LISTS_CHAIN = /\b(ip6?)tables(-legacy|-nft)?((?:\s+(?:-[tw](?:\s*\w+)?|--table[= ]\w+|--wait|-[nvx]+|--numeric|--verbose))*)\s+(?:-[nvx]*[LS][nvx]*|--list(?:-rules)?)\s+([A-Z][\w-]*)\b/;
const TABLE_OPTION = /-t\s*(\w+)|--table[= ](\w+)/;
const CHAIN_POLICY = /^\s*Chain ([A-Z][\w-]*) \(policy (ACCEPT|DROP|REJECT)\b|^\s*-P ([A-Z][\w-]*) (ACCEPT|DROP|REJECT)\b/;

function policiesDiffer(lines: readonly string[]): TextHit[] {
  const seen = new Map<string, { legacy: boolean; policy: string }[]>();
  for (let i = 0; i < lines.length; i++) {
    const listed = LISTS_CHAIN.exec(lines[i]);
    if (!listed) continue;
    const table = TABLE_OPTION.exec(listed[3]);
    for (let j = i + 1; j < Math.min(lines.length, i + 4); j++) {
      const shown = CHAIN_POLICY.exec(lines[j]);
      const chain = shown?.[1] ?? shown?.[3];
      const policy = shown?.[2] ?? shown?.[4];
      if (!chain || !policy || chain !== listed[4]) continue;
      const key = `${listed[1]} ${table?.[1] ?? table?.[2] ?? 'filter'} ${chain}`;
      const legacy = listed[2] === '-legacy';
      if ((seen.get(key) ?? []).some((s) => s.legacy !== legacy && s.policy !== policy)) return [{ index: j, severity: 'info' }];
      seen.set(key, [...(seen.get(key) ?? []), { legacy, policy }]);
      break;
    }
  }
  return [];
}

// `iptables -L` showing a chain dockerd always jumps to from FORWARD with nothing jumping to it ("Chain DOCKER-FORWARD
// (0 references)", DOCKER-USER): a firewall's reload (firewalld, ufw, a NAS's own) flushed FORWARD after dockerd filled
// it, so the containers' traffic meets FORWARD's policy alone. With that policy DROP in the same listing the traffic is
// dropped (a warning); otherwise it still passes by policy (a hint). DOCKER alone counts only in a listing without
// DOCKER-USER (before 17.06): since then ip6tables leaves it unreferenced on a healthy host with no IPv6 network.
const ORPHANED_DOCKER_CHAIN = /^\s*Chain (?:DOCKER-FORWARD|DOCKER-USER) \(0 references\)/;
const ORPHANED_OLD_CHAIN = /^\s*Chain DOCKER \(0 references\)/;
const USER_CHAIN = /^\s*Chain DOCKER-USER\b/;
const FORWARD_DROPS = /^\s*Chain FORWARD \(policy (?:DROP|REJECT)\b|^\s*-P FORWARD (?:DROP|REJECT)\b/;

function orphanedDockerChain(lines: readonly string[]): TextHit[] {
  let index = lines.findIndex((l) => ORPHANED_DOCKER_CHAIN.test(l));
  if (index < 0 && !lines.some((l) => USER_CHAIN.test(l))) index = lines.findIndex((l) => ORPHANED_OLD_CHAIN.test(l));
  if (index < 0) return [];
  return [{ index, severity: lines.some((l) => FORWARD_DROPS.test(l)) ? 'warning' : 'info' }];
}

export const firewallWordingTextRules: TextRule[] = [
  { id: 'iptables-failure', scan: (lines) => orphanedDockerChain(lines) },
  { id: 'kernel-module-missing', scan: (lines) => nftExpressionMissing(lines) },
  { id: 'iptables-backend-mismatch', scan: (lines) => policiesDiffer(lines) },
];
