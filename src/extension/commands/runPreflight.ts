import * as vscode from 'vscode';
import { readSettings } from '../config';
import { LEVELS_VIEW } from '../constants';
import type { Services } from '../services';
import { resolveLevel } from './levelPicker';

/** Runs the preflight checks of one level (or every level, from the palette's "All levels") into the Problems panel. */
export async function runPreflight(s: Services, arg?: unknown): Promise<void> {
  const level = arg === undefined ? undefined : await resolveLevel(s, arg, { title: 'Run Preflight' });
  // Unreachable hosts too: their report explains why (daemon-unreachable with the evidence).
  const hosts = level ? [level.info.host] : (await s.tree.roots()).map((r) => r.info.host);
  const disabled = readSettings().disabledChecks;
  const results = await vscode.window.withProgress(
    { location: { viewId: LEVELS_VIEW }, title: 'Running preflight checks' },
    async () => (await Promise.all(hosts.map(async (host) =>
      (await s.engines.get(host).preflight(level?.info.id, { disabled })).map((r) => ({ ...r, host })),
    ))).flat(),
  );
  for (const r of results) {
    s.diagnostics.showLevel({ host: r.host, levelId: r.levelId, depth: r.depth, parentId: r.parentId ?? r.levelId }, r.findings, r.notes ?? []);
  }
  const problems = results.reduce((n, r) => n + r.findings.filter((f) => f.severity !== 'info').length, 0);
  if (arg === undefined || problems > 0) await vscode.commands.executeCommand('workbench.actions.view.problems');
}
