// Dedup and ordering shared by classify() and runChecks().
import { rankOf } from './catalog';
import { compareSeverity, Finding } from '../core/finding';

/**
 * Keeps one finding per id: the most severe, and among equals the first seen (its evidence is the
 * earliest proof, usually the cause rather than a later echo of it).
 */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const byId = new Map<string, { finding: Finding; order: number }>();
  findings.forEach((finding, order) => {
    const kept = byId.get(finding.id);
    if (!kept) {
      byId.set(finding.id, { finding, order });
    } else if (compareSeverity(finding.severity, kept.finding.severity) > 0) {
      byId.set(finding.id, { finding, order: kept.order });
    }
  });
  return [...byId.values()].sort((a, b) => a.order - b.order).map((v) => v.finding);
}

/**
 * Root cause first: actionable findings (error, warning) before informational ones, then by the
 * catalog's causal rank (LSM before mounts, mounts before the daemon, the daemon before clients),
 * then in order of appearance. Stable, so callers' order breaks remaining ties.
 */
export function orderFindings(findings: readonly Finding[]): Finding[] {
  const tier = (f: Finding) => (f.severity === 'info' ? 1 : 0);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => tier(a.f) - tier(b.f) || rankOf(a.f.id) - rankOf(b.f.id) || a.i - b.i)
    .map((v) => v.f);
}

export function withoutDisabled(findings: readonly Finding[], disabled?: readonly string[]): Finding[] {
  if (!disabled || disabled.length === 0) {
    return [...findings];
  }
  const off = new Set(disabled);
  return findings.filter((f) => !off.has(f.id));
}
