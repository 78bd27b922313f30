import { escapeRegExp } from '../../engine';
/** The 0-based line of a finding's section heading (`## <id>`) in docs/troubleshooting.md; 0 when it has none. */
export function headingLine(markdown: string, id: string): number {
  const lines = markdown.split(/\r?\n/);
  const i = lines.findIndex((l) => new RegExp(`^#{1,6}\\s+${escapeRegExp(id)}\\s*$`).test(l));
  return i < 0 ? 0 : i;
}
