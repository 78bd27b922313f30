import { errorMessage, isAbortError, LaunchMode, NestedDockerEngine, NestedDockerError, splitWords } from '../../engine';
import { checkFlags, flag, flagAll, has, intFlag, ParsedArgs } from '../args';
import { levelJson, levelTable } from '../format';
import { CliIO } from '../io';
import { progressPrinter } from '../progress';
import { warnAddress } from './expose';
import { findingJson } from './preflight';
import { lsResources } from './resources';

export async function lsCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  checkFlags(args, ['resources']);
  if (has(args, 'resources')) return lsResources(engine, args, io);
  const levels = await engine.list();
  if (has(args, 'json')) io.stdout(JSON.stringify(levels.map(levelJson), null, 2) + '\n');
  else io.stdout(levelTable(levels));
  return levels[0]?.state === 'ready' ? 0 : 1;
}

const MODES: LaunchMode[] = ['auto', 'privileged', 'capabilities', 'sysbox', 'dood'];

export async function nestCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  checkFlags(args, ['parent', 'image', 'mode', 'id', 'timeout', 'daemon-arg', 'log-file', 'keep-volume', 'no-cgroup-setup', 'apparmor-unconfined', 'apparmor-profile', 'quiet', 'seed', 'expose', 'address', 'port', 'publish', 'bind']);
  const mode = (flag(args, 'mode') ?? 'auto') as LaunchMode;
  if (!MODES.includes(mode)) {
    throw new NestedDockerError(`unknown mode '${mode}'`, `use one of ${MODES.join(', ')}`, 'usage');
  }
  if (mode === 'dood' && !has(args, 'quiet')) {
    io.stderr('warning: a DooD level holds its parent\'s Docker socket: code inside it controls that daemon (--quiet hides this)\n');
  } else if (mode !== 'sysbox' && !has(args, 'quiet')) {
    io.stderr('warning: unless it runs under sysbox-runc, the new level gets (almost) every capability of its parent: code inside it can take over the machine it runs on (--quiet hides this)\n');
  }
  if ((flagAll(args, 'publish').length || flagAll(args, 'bind').length) && mode !== 'dood') {
    throw new NestedDockerError('--publish and --bind are for a DooD level', 'add --mode dood, or leave them out', 'usage');
  }
  if ((flag(args, 'address') || flag(args, 'port')) && !has(args, 'expose')) {
    throw new NestedDockerError('--address and --port go with --expose', 'add --expose, or leave them out', 'usage');
  }
  const expose = has(args, 'expose') ? warnAddress(args, io) : undefined;
  const progress = progressPrinter({ tty: io.stderrIsTTY ?? false, quiet: has(args, 'quiet'), write: io.stderr });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  // `on`, not `once`: a second Ctrl-C during the rollback must not kill the process half way through it.
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const timeout = intFlag(args, 'timeout');
    const level = await engine.nest({
      parentId: flag(args, 'parent') ?? args.positionals[0],
      id: flag(args, 'id'),
      image: flag(args, 'image'),
      mode,
      daemonArgs: flagAll(args, 'daemon-arg').flatMap(splitArgs),
      logToFile: has(args, 'log-file'),
      keepVolumeOnFailure: has(args, 'keep-volume'),
      skipCgroupSetup: has(args, 'no-cgroup-setup'),
      apparmorUnconfined: has(args, 'apparmor-unconfined'),
      apparmorProfile: flag(args, 'apparmor-profile'),
      expose,
      doodPorts: flagAll(args, 'publish'),
      doodBinds: flagAll(args, 'bind'),
      startTimeoutMs: timeout !== undefined ? timeout * 1000 : undefined,
      seed: flagAll(args, 'seed').flatMap((s) => s.split(',')).filter(Boolean),
      signal: controller.signal,
      onProgress: progress,
    });
    if (has(args, 'json')) io.stdout(JSON.stringify(levelJson(level), null, 2) + '\n');
    else io.stdout(`${level.id}\n`);
    return 0;
  } catch (err) {
    // Tools read the diagnosis from stdout; stderr still gets the readable error.
    if (has(args, 'json') && !isAbortError(err)) {
      const known = err instanceof NestedDockerError ? err : undefined;
      const failure = {
        error: errorMessage(err), code: known?.code ?? 'error', hint: known?.hint ?? null, findings: (known?.findings ?? []).map(findingJson),
      };
      io.stdout(JSON.stringify(failure, null, 2) + '\n');
    }
    throw err;
  } finally {
    progress.done();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

/** `--daemon-arg "--debug --mtu 1400"` and repeated flags both work; quotes group words. */
export const splitArgs = splitWords;

export async function collapseCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  checkFlags(args, ['all', 'purge', 'quiet']);
  const purge = has(args, 'purge');
  const progress = progressPrinter({ tty: io.stderrIsTTY ?? false, quiet: has(args, 'quiet'), write: io.stderr });
  const onProgress = (message: string) => progress({ step: 'collapse', message });
  let removed: string[];
  if (has(args, 'all')) removed = await engine.collapseAll({ purge, onProgress });
  else {
    const id = args.positionals[0];
    if (!id) throw new NestedDockerError('collapse needs a level id, or --all', 'nested-docker collapse ID [--purge]', 'usage');
    removed = await engine.collapse(id, { purge, onProgress });
  }
  progress.done();
  if (has(args, 'json')) io.stdout(JSON.stringify({ removed, purged: purge }) + '\n');
  else io.stdout(removed.length ? `collapsed ${removed.join(', ')}${purge ? ' (volumes purged)' : ' (volumes kept)'}\n` : 'nothing to collapse\n');
  return 0;
}
