import type { Finding } from '../../engine';

export interface Report {
  text: string;
  /** 0-based line of each finding's evidence in `text`, in the order of the findings. */
  evidenceLines: number[];
}

/**
 * The read-only document the Problems panel points into: one block per finding, its evidence on its own line,
 * so a diagnostic's range is exactly the line that proves it. Pure, so it is unit-tested without VS Code.
 */
export function renderReport(title: string, findings: Finding[], notes: string[] = []): Report {
  const lines: string[] = [`# ${title}`, ''];
  for (const note of notes) lines.push(`# ${note}`);
  if (notes.length) lines.push('');
  const evidenceLines: number[] = [];
  if (findings.length === 0) lines.push('No problems found.');
  for (const f of findings) {
    lines.push(`[${f.severity}] ${f.id}: ${f.title}`);
    evidenceLines.push(lines.length);
    lines.push(`  evidence: ${f.evidence.replace(/\s*\n\s*/g, ' ⏎ ')}`);
    lines.push(`  hint: ${f.hint}`);
    if (f.fix) lines.push(`  quick fix: ${f.fix.title}`);
    lines.push(`  docs: docs/troubleshooting.md#${f.id}`);
    lines.push('');
  }
  return { text: lines.join('\n'), evidenceLines };
}
