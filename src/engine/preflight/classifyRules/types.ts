// Shapes of the classifier's rules. Rules match on meaning, so each one lists the wordings that
// Docker 1.x..27.x, runc, containerd, the kernel and the dind entrypoints use for one cause.
import { CheckId } from '../catalog';
import { Severity } from '../../core/finding';

export type TextSource = 'daemon-log' | 'dmesg' | 'cli-error' | 'proc-cgroup' | 'docker-info' | 'auto';

/** One line is enough to recognise the cause. */
export interface LineRule {
  id: CheckId;
  pattern: RegExp;
  /** Overrides the catalog severity, e.g. downgrading noise that healthy daemons also print. */
  severity?: Severity | ((line: string) => Severity);
  /** Restricts the rule to these sources; 'auto' always applies every rule. */
  sources?: TextSource[];
}

export interface TextHit {
  index: number;
  severity?: Severity;
}

/** Needs several lines (e.g. two iptables versions that disagree). */
export interface TextRule {
  id: CheckId;
  sources?: TextSource[];
  scan(lines: readonly string[]): TextHit[];
}
