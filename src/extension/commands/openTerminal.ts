import * as vscode from 'vscode';
import type { LevelNode } from '../../engine';
import { readSettings } from '../config';
import { TERMINAL_PROFILE } from '../constants';
import type { Services } from '../services';
import { ExecPseudoterminal } from '../terminal/ExecPseudoterminal';
import { shortLevelName } from '../map/mapModel';
import { containerArg, pickLevel, resolveLevel } from './levelPicker';

/** bash where the image has it, else sh: without forcing users to configure anything. */
const AUTO_SHELL = ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash -l; else exec sh; fi'];

function shellCommand(): string[] {
  const configured = readSettings().terminalShell;
  return configured ? [configured] : AUTO_SHELL;
}

function terminalFor(s: Services, host: string | undefined, levelId: string, name: string, containerId?: string): vscode.Terminal {
  const pty = new ExecPseudoterminal(
    (size) =>
      s.engines.get(host).exec(levelId, {
        cmd: shellCommand(), tty: true, stdin: true, containerId, cols: size?.cols, rows: size?.rows,
        env: ['TERM=xterm-256color', `NESTED_DOCKER_LEVEL=${levelId}`],
      }),
    name,
  );
  const terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('vm') });
  s.status.trackTerminal(terminal, { id: levelId, host });
  return terminal;
}

/** "L2 · lc43c9": two terminals of two levels tell themselves apart in the terminal list. */
function nameFor(level: LevelNode): string {
  return shortLevelName(level.info);
}

export async function openTerminal(s: Services, arg?: unknown): Promise<void> {
  const container = containerArg(arg);
  if (container) {
    terminalFor(s, container.host, container.levelId, `${container.name} @ ${container.levelId}`, container.containerId).show();
    return;
  }
  const level = await resolveLevel(s, arg, { title: 'Open Terminal', includeHost: false, filter: (n) => !!n.container });
  if (!level) return;
  terminalFor(s, level.info.host, level.info.id, nameFor(level)).show();
}

/** The "Nested Docker level" terminal profile: asks for the level, then opens a shell inside it. */
export function registerTerminalProfile(s: Services): vscode.Disposable {
  return vscode.window.registerTerminalProfileProvider(TERMINAL_PROFILE, {
    async provideTerminalProfile(token) {
      const level = await pickLevel(s, { title: 'Open Terminal in Level', includeHost: false });
      if (!level || token.isCancellationRequested) return undefined;
      const pty = new ExecPseudoterminal(
        (size) => s.engines.get(level.info.host).exec(level.info.id, { cmd: shellCommand(), tty: true, stdin: true, cols: size?.cols, rows: size?.rows }),
        nameFor(level),
      );
      return new vscode.TerminalProfile({ name: nameFor(level), pty, iconPath: new vscode.ThemeIcon('vm') });
    },
  });
}
