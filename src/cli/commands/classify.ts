// `nested-docker classify [FILE|-] [--json] [--source KIND]`: diagnose dind failure text.
import { promises as fs } from 'fs';
import { classify, Finding, TextSource } from '../../engine';

export interface ClassifyIO {
  stdin: NodeJS.ReadableStream;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const SOURCES: readonly TextSource[] = ['auto', 'daemon-log', 'dmesg', 'cli-error', 'proc-cgroup', 'docker-info'];
const USAGE = 'usage: nested-docker classify [FILE|-] [--json] [--source auto|daemon-log|dmesg|cli-error|proc-cgroup|docker-info]\n';
const DOCS_BASE = 'docs/';

interface ClassifyArgs {
  file?: string;
  json: boolean;
  source: TextSource;
}

function parse(args: readonly string[]): ClassifyArgs | string {
  const parsed: ClassifyArgs = { json: false, source: 'auto' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') {
      parsed.json = true;
    } else if (arg === '--source' || arg.startsWith('--source=')) {
      const value = arg.includes('=') ? arg.slice('--source='.length) : args[++i];
      if (!SOURCES.includes(value as TextSource)) {
        return `unknown source '${value ?? ''}'`;
      }
      parsed.source = value as TextSource;
    } else if (arg.startsWith('-') && arg !== '-') {
      return `unknown option '${arg}'`;
    } else if (parsed.file !== undefined) {
      return 'give at most one FILE';
    } else {
      parsed.file = arg;
    }
  }
  return parsed;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) {
    return 'No known dind failure found in this text.\n';
  }
  const blocks = findings.map((f) => {
    const lines = [`${f.severity.toUpperCase()} ${f.id}: ${f.title}`];
    lines.push(`  evidence: ${f.line !== undefined ? `line ${f.line}: ` : ''}${f.evidence}`);
    lines.push(`  hint: ${f.hint}`);
    if (f.fix) {
      lines.push(`  quick fix: ${f.fix.title}`);
    }
    if (f.docs) {
      lines.push(`  docs: ${DOCS_BASE}${f.docs}`);
    }
    return lines.join('\n');
  });
  const counts = (['error', 'warning', 'info'] as const)
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`);
  return `${blocks.join('\n\n')}\n\n${counts.join(', ')}; the most likely root cause is listed first.\n`;
}

/** Exit 0 whether or not findings exist (it is a report, not a test); 2 for usage or a missing file. */
export async function classifyCommand(args: string[], io: ClassifyIO): Promise<number> {
  const parsed = parse(args);
  if (typeof parsed === 'string') {
    io.stderr(`nested-docker classify: ${parsed}\n${USAGE}`);
    return 2;
  }
  let text: string;
  if (parsed.file === undefined || parsed.file === '-') {
    text = await readAll(io.stdin);
  } else {
    try {
      text = await fs.readFile(parsed.file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
      io.stderr(`nested-docker classify: cannot read '${parsed.file}': ${why}\n`);
      return 2;
    }
  }
  const findings = classify(text, { source: parsed.source });
  io.stdout(parsed.json ? `${JSON.stringify(findings, null, 2)}\n` : formatFindings(findings));
  return 0;
}
