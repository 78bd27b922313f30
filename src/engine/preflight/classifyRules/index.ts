// Every classifier rule, and the entrypoint wrapper's own warning format.
import { apiVersionRules, apiVersionTextRules } from './apiVersions';
import { apparmorRules } from './apparmorWordings';
import { capsAndRootlessRules } from './capsAndRootless';
import { cgroupListingRules } from './cgroupListings';
import { cgroupMountRules, cgroupMountTextRules } from './cgroupMounts';
import { cgroupNamespaceReadRules } from './cgroupNamespaceReads';
import { cgroupNamespaceViewRules } from './cgroupNamespaceViews';
import { cgroupRules, cgroupTextRules } from './cgroups';
import { bindRules, bindTextRules } from './binds';
import { clientRules, clientTextRules } from './clients';
import { clientWordingRules } from './clientWordings';
import { dataRootRules, dataRootTextRules } from './dataRoot';
import { daemonRules, daemonTextRules } from './daemon';
import { engineUnitLineRules, engineUnitRules } from './engineUnits';
import { deviceAccessRules } from './deviceAccess';
import { diskSpaceRules, diskSpaceTextRules } from './diskSpace';
import { diskSpaceWordingRules } from './diskSpaceWordings';
import { firewallWordingRules, firewallWordingTextRules } from './firewallWordings';
import { initScriptRules } from './initScript';
import { inspectMountRules } from './inspectMounts';
import { kernelWordingRules, kernelWordingTextRules } from './kernelWordings';
import { memoryLimitRules } from './memoryLimit';
import { networkRules, networkTextRules } from './network';
import { overlayRootRules } from './overlayRoots';
import { podPolicyRules } from './podPolicies';
import { privilegeRefusalRules } from './privilegeRefusals';
import { runtimeWordingRules, runtimeWordingTextRules } from './runtimeWordings';
import { securityRules, securityTextRules } from './security';
import { selinuxContextRules } from './selinuxContext';
import { selinuxWordingRules } from './selinuxWordings';
import { snapConfinementRules } from './snapConfinement';
import { storageRules } from './storage';
import { storageTextRules } from './storageText';
import { BenignLine, LineRule, TextRule } from './types';
import { usernsRules, usernsTextRules } from './userns';

export * from './types';

export const LINE_RULES: readonly LineRule[] = [
  ...apparmorRules,
  ...securityRules,
  ...podPolicyRules,
  ...selinuxWordingRules,
  ...usernsRules,
  ...capsAndRootlessRules,
  ...privilegeRefusalRules,
  ...deviceAccessRules,
  ...runtimeWordingRules,
  ...cgroupRules,
  ...cgroupMountRules,
  ...storageRules,
  ...kernelWordingRules,
  ...diskSpaceRules,
  ...diskSpaceWordingRules,
  ...dataRootRules,
  ...networkRules,
  ...firewallWordingRules,
  ...daemonRules,
  ...engineUnitLineRules,
  ...memoryLimitRules,
  ...bindRules,
  ...clientRules,
  ...clientWordingRules,
  ...apiVersionRules,
  ...initScriptRules,
];

export const TEXT_RULES: readonly TextRule[] = [...cgroupTextRules, ...cgroupMountTextRules, ...cgroupListingRules, ...cgroupNamespaceReadRules, ...cgroupNamespaceViewRules, ...networkTextRules, ...storageTextRules, ...overlayRootRules, ...diskSpaceTextRules, ...daemonTextRules, ...engineUnitRules, ...securityTextRules, ...selinuxContextRules, ...snapConfinementRules, ...clientTextRules, ...bindTextRules, ...inspectMountRules, ...dataRootTextRules, ...runtimeWordingTextRules, ...firewallWordingTextRules, ...usernsTextRules, ...kernelWordingTextRules, ...apiVersionTextRules];

/**
 * `nested-docker: warning: <check-id>: <message>`, printed by resources/ entrypoint wrapper.
 * Also accepts error/info levels so the wrapper can grow without a classifier change.
 */
export const WRAPPER_LINE = /\bnested-docker: (warning|error|info): ([a-z][a-z0-9]*(?:-[a-z0-9]+)*): ?(.*)$/;

/**
 * Messages that healthy daemons print and that would otherwise look alarming to some rule. With
 * `levels`, only when the logger gave the message one of these levels (the same words at error level
 * are a real failure).
 */
export const BENIGN_LINES: readonly BenignLine[] = [
  // apparmor_parser adding a profile already loaded or removing one not loaded ("Unable to add|remove \"%s\".  %s"): what
  // an init script's reload prints on a working host (its EACCES while confined is apparmorWordings.ts's).
  { pattern: /apparmor_parser: Unable to add "[^"\n]+"\.\s+Profile already exists|apparmor_parser: Unable to remove "[^"\n]+"\.\s+Profile doesn't exist/i },
  // containerd probing snapshotters (aufs, btrfs, zfs, devmapper) it will not use: "skip loading
  // plugin" (1.3+), "failed to load plugin …snapshotter" / "could not use snapshotter … in metadata
  // plugin" (1.0-1.2, containerd/containerd services/server/server.go, metadata/db.go).
  { pattern: /skip loading plugin/i },
  { pattern: /failed to load plugin io\.containerd\.snapshotter\.v1\.(?:aufs|btrfs|zfs|devmapper)\b/i, levels: ['debug', 'info', 'warning'] },
  { pattern: /could not use snapshotter (?:aufs|btrfs|zfs|devmapper) in metadata plugin/i, levels: ['debug', 'info', 'warning'] },
  // Docker 27+ enables ip6tables by default; a level without ip6_tables (or its nat table) logs the
  // failed IPv6 chains at warning level and runs IPv4 only (libnetwork drivers/bridge:
  // WithError(err).Warn("ip6tables is enabled, but cannot set up ip6tables chains")).
  { pattern: /ip6tables is enabled, but cannot set up (?:ip6tables chains|IPv6 nftables table)/i, levels: ['debug', 'info', 'warning'] },
  // grpc-go retrying while dockerd's own containerd starts ("grpc: addrConn.createTransport failed to connect to %v. Err
  // :%v. Reconnecting..."): a containerd that never comes up ends in "timeout waiting for containerd to start".
  { pattern: /addrConn\.createTransport failed to connect to [^\n]*Reconnecting\.\.\./i, levels: ['debug', 'info', 'warning'] },
  // firewalld relaying dockerd's clean-up at start (it deletes and flushes its chains and rules before making them,
  // whether or not they exist): "WARNING: COMMAND_FAILED: '%s' failed: %s" for an iptables -D, -X or -F.
  { pattern: /COMMAND_FAILED: '\S*\b(?:ip6?tables|ebtables)(?: -w\d*| --wait(?:=\d+)?)*(?: -t \w+)? -[DXF] /i },
];
