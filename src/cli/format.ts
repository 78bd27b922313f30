import { errorMessage, isAbortError, LevelInfo, NestedDockerError } from '../engine';

/** The JSON shape of a level in `ls --json` and `nest --json` (a stable, documented contract). */
export function levelJson(l: LevelInfo): Record<string, unknown> {
  return {
    id: l.id,
    depth: l.depth,
    parentId: l.parentId,
    state: l.state,
    mode: l.mode,
    transport: l.transport,
    containerId: l.containerId,
    containerName: l.containerName,
    image: l.image,
    volume: l.volume,
    dockerHost: l.dockerHost,
    version: l.version ?? null,
    storageDriver: l.storageDriver ?? null,
    cgroupVersion: l.cgroupVersion ?? null,
    error: l.error ?? null,
    stoppedAt: l.stoppedAt ?? null,
    stopReason: l.stopReason ?? null,
    remembered: l.remembered ?? false,
    containers: l.containers ?? [],
    exposed: l.exposed ?? null,
    sharesDaemonOf: l.sharesDaemonOf ?? null,
  };
}

export function levelTable(levels: LevelInfo[]): string {
  const rows = [['LEVEL', 'DEPTH', 'PARENT', 'STATE', 'MODE', 'TRANSPORT', 'VERSION', 'STORAGE', 'CGROUP', 'CONTAINERS']];
  for (const l of levels) {
    rows.push([
      `${'  '.repeat(l.depth)}${l.id}`,
      String(l.depth),
      l.parentId ?? '-',
      l.remembered ? `unreachable (${l.error})` : l.state,
      l.sharesDaemonOf ? `dood (shares ${l.sharesDaemonOf})` : l.mode,
      l.exposed ? `${l.transport ?? '-'}+tls ${l.exposed.address}:${l.exposed.port}` : l.transport ?? '-',
      l.version ?? '-',
      l.storageDriver ?? '-',
      l.cgroupVersion ? `v${l.cgroupVersion}` : '-',
      String(l.containers?.length ?? 0),
    ]);
  }
  const errors = levels.filter((l) => l.error).map((l) => `${l.id}: ${l.error}`);
  return table(rows[0], rows.slice(1)) + (errors.length ? errors.join('\n') + '\n' : '');
}

/** Columns padded to their widest cell, two spaces apart. */
export function table(header: string[], body: string[][]): string {
  const rows = [header, ...body];
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n') + '\n';
}

export function formatError(err: unknown): string {
  if (isAbortError(err)) return `nested-docker: ${errorMessage(err)}\n`;
  let text = `nested-docker: error: ${errorMessage(err)}\n`;
  if (err instanceof NestedDockerError) {
    if (err.hint) text += `  fix: ${err.hint}\n`;
    for (const f of (err.findings ?? []).slice(0, 3)) {
      text += `  diagnosis: [${f.severity}] ${f.id}: ${f.title}\n    evidence: ${f.evidence}\n    hint: ${f.hint}\n`;
    }
    if (err.logTail?.trim()) {
      const tail = err.logTail.trim().split('\n').slice(-15).map((l) => `  | ${l}`).join('\n');
      text += `  daemon log (last lines):\n${tail}\n`;
    }
  }
  return text;
}
