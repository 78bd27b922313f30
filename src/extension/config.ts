import * as vscode from 'vscode';
import { CONFIG_SECTION } from './constants';
import type { LaunchMode } from '../engine';

/** Settings, read fresh each time (VS Code caches them); the engine never reads settings itself. */
export interface Settings {
  dockerHost: string;
  image: string;
  launchMode: LaunchMode;
  daemonArgs: string[];
  daemonLogToFile: boolean;
  maxDepth: number;
  startTimeoutSeconds: number;
  keepVolumesOnCollapse: boolean;
  confirmPrivileged: boolean;
  disabledChecks: string[];
  terminalShell: string;
  seedImages: string[];
  apparmorProfile: string;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return {
    dockerHost: c.get<string>('docker.host', '').trim(),
    image: c.get<string>('levels.image', '').trim(),
    launchMode: c.get<LaunchMode>('levels.launchMode', 'auto'),
    daemonArgs: c.get<string[]>('levels.daemonArgs', []),
    daemonLogToFile: c.get<boolean>('levels.daemonLogToFile', false),
    maxDepth: c.get<number>('levels.maxDepth', 4),
    startTimeoutSeconds: c.get<number>('levels.startTimeoutSeconds', 60),
    keepVolumesOnCollapse: c.get<boolean>('levels.keepVolumesOnCollapse', true),
    confirmPrivileged: c.get<boolean>('levels.confirmPrivileged', true),
    disabledChecks: c.get<string[]>('preflight.disabledChecks', []),
    terminalShell: c.get<string>('terminal.shell', '').trim(),
    seedImages: c.get<string[]>('levels.seedImages', []).map((i) => i.trim()).filter(Boolean),
    apparmorProfile: c.get<string>('levels.apparmorProfile', '').trim(),
  };
}
