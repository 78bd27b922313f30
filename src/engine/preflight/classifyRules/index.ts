// Every classifier rule, and the entrypoint wrapper's own warning format.
import { cgroupRules, cgroupTextRules } from './cgroups';
import { daemonRules } from './daemon';
import { networkRules, networkTextRules } from './network';
import { securityRules } from './security';
import { storageRules } from './storage';
import { LineRule, TextRule } from './types';

export * from './types';

export const LINE_RULES: readonly LineRule[] = [
  ...securityRules,
  ...cgroupRules,
  ...storageRules,
  ...networkRules,
  ...daemonRules,
];

export const TEXT_RULES: readonly TextRule[] = [...cgroupTextRules, ...networkTextRules];

/**
 * `nested-docker: warning: <check-id>: <message>`, printed by resources/ entrypoint wrapper.
 * Also accepts error/info levels so the wrapper can grow without a classifier change.
 */
export const WRAPPER_LINE = /\bnested-docker: (warning|error|info): ([a-z][a-z0-9]*(?:-[a-z0-9]+)*): ?(.*)$/;

/** Lines that healthy daemons print and that would otherwise look alarming to some rule. */
export const BENIGN_LINES: readonly RegExp[] = [
  /skip loading plugin/i, // containerd probing snapshotters (aufs, btrfs, zfs) it will not use
];
