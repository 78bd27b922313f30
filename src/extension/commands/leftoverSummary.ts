import type { DoctorReport, Leftover } from '../../engine';

/** What the Clean Up Leftovers dialog says: a headline, and a detail that lists orphans and what is kept and why. */
export function leftoverSummary(report: DoctorReport): { headline: string; detail: string } {
  const line = (o: Leftover) => `• ${o.kind} ${o.name} (on ${o.on}): ${o.reason}`;
  const kept = report.kept.length ? `\n\nKept (${report.kept.length}):\n${report.kept.map(line).join('\n')}` : '';
  if (!report.orphans.length) {
    return { headline: 'Nested Docker: nothing a crash left behind.', detail: kept.trim() };
  }
  return {
    headline: `Remove ${report.orphans.length} leftover(s) that no level owns?`,
    detail: `Orphans (${report.orphans.length}):\n${report.orphans.map(line).join('\n')}${kept}\n\nOnly objects with Nested Docker's labels and sockets in its relay folder are touched.`,
  };
}
