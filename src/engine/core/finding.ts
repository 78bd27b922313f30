// Findings: what preflight checks and the failure classifier report. Plain data, no `vscode`:
// the extension turns them into diagnostics, the CLI prints them as text or JSON.

export type Severity = 'error' | 'warning' | 'info';

/** Security modes a level can be launched in (see ARCHITECTURE.md "Launching a level"). */
export type SecurityMode = 'privileged' | 'capabilities' | 'sysbox';

/** The subset of nest options a quick fix may set when it offers to nest the level again. */
export interface NestOptionsPatch {
  mode?: SecurityMode | 'auto';
  apparmorUnconfined?: boolean;
  /** Give the new level a new, empty volume for /var/lib/docker. */
  freshVolume?: boolean;
  /** Make the level's dockerd use the legacy iptables backend. */
  iptablesLegacy?: boolean;
  extraDaemonArgs?: string[];
}

export interface QuickFix {
  title: string;
  nestOptions: NestOptionsPatch;
}

export interface Finding {
  /** Stable kebab-case id, a key of the catalog (or an id reported by the entrypoint wrapper). */
  id: string;
  severity: Severity;
  title: string;
  /** The exact line that proves it (trimmed), or a short statement of the fact that did. */
  evidence: string;
  hint: string;
  fix?: QuickFix;
  /** Anchor in docs/troubleshooting.md, e.g. 'troubleshooting.md#apparmor-denied'. */
  docs?: string;
  /** 1-based line of the evidence in the classified text, when it came from text. */
  line?: number;
  /**
   * Only on a "possible cause" guess (severity info): the model's probability that the text reports this cause, 0..1.
   * A weak match by words, not a rule's recognition; findings from rules and checks have none.
   */
  confidence?: number;
}

const SEVERITY_WEIGHT: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Positive when `a` is more severe than `b`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_WEIGHT[a] - SEVERITY_WEIGHT[b];
}

export function isSeverity(value: string): value is Severity {
  return value === 'error' || value === 'warning' || value === 'info';
}
