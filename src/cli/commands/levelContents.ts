// `ps|images|volumes|networks LEVEL`, `start|stop|restart LEVEL` and `image cp`: every level a Docker host.
import { NestedDockerEngine, NestedDockerError } from '../../engine';
import type { ContainerSummary, ImageSummary, NetworkSummary, VolumeSummary } from '../../engine';
import { checkFlags, flag, has, intFlag, ParsedArgs } from '../args';
import { table } from '../format';
import { CliIO } from '../io';
import { progressPrinter } from '../progress';

function levelArg(args: ParsedArgs, usage: string): string {
  const id = args.positionals[0];
  if (!id) throw new NestedDockerError(`${args.command} needs a level id`, `${usage} (see the ids with \`nested-docker ls\`)`, 'usage');
  return id;
}

/** One of the four lists of a level's daemon: JSON as the engine gives it, else a table. */
async function listCommand<T>(
  args: ParsedArgs, io: CliIO, list: () => Promise<T[]>, headers: string[], row: (item: T) => string[],
): Promise<number> {
  checkFlags(args, []);
  const items = await list();
  if (has(args, 'json')) io.stdout(JSON.stringify(items, null, 2) + '\n');
  else io.stdout(table(headers, items.map(row)));
  return 0;
}

const contentsOf = async (engine: NestedDockerEngine, args: ParsedArgs) => engine.contents(levelArg(args, `nested-docker ${args.command} LEVEL`));

export function psCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  return listCommand(args, io, () => contentsOf(engine, args).then((c) => c.containers()), ['CONTAINER ID', 'NAME', 'IMAGE', 'STATE', 'STATUS'],
    (c: ContainerSummary) => [c.id.slice(0, 12), c.name, c.image, c.state, c.status]);
}

export function imagesCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  return listCommand(args, io, () => contentsOf(engine, args).then((c) => c.images()), ['IMAGE ID', 'TAGS', 'SIZE', 'CONTAINERS'], (i: ImageSummary) => [
    i.id.replace(/^sha256:/, '').slice(0, 12), i.tags.join(', ') || '<none>', `${(i.size / 1e6).toFixed(1)} MB`, String(i.containers),
  ]);
}

export function volumesCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  return listCommand(args, io, () => contentsOf(engine, args).then((c) => c.volumes()), ['VOLUME', 'DRIVER', 'USED BY'], (v: VolumeSummary) => [
    v.name, v.driver, v.levelData ? `data of level ${v.levelData}` : v.usedBy.join(', ') || '-',
  ]);
}

export function networksCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  return listCommand(args, io, () => contentsOf(engine, args).then((c) => c.networks()), ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE', 'USED BY'], (n: NetworkSummary) => [
    n.id.slice(0, 12), n.name, n.driver, n.scope, n.usedBy.join(', ') || '-',
  ]);
}

type LifecycleVerb = 'start' | 'stop' | 'restart';

export function lifecycleCommand(verb: LifecycleVerb) {
  return async (engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> => {
    checkFlags(args, ['quiet', 'timeout']);
    const id = levelArg(args, `nested-docker ${verb} LEVEL`);
    const progress = progressPrinter({ tty: io.stderrIsTTY ?? false, quiet: has(args, 'quiet'), write: io.stderr });
    const timeout = intFlag(args, 'timeout');
    const done = await withCancel((signal) => {
      const opts = { signal, onProgress: (message: string) => progress({ step: verb, message }), startTimeoutMs: timeout !== undefined ? timeout * 1000 : undefined };
      return verb === 'start' ? engine.startLevel(id, opts) : verb === 'stop' ? engine.stopLevel(id, opts) : engine.restartLevel(id, opts);
    }).finally(() => progress.done());
    const past = { start: 'started', stop: 'stopped', restart: 'restarted' }[verb];
    if (has(args, 'json')) io.stdout(JSON.stringify({ [past]: done }) + '\n');
    else io.stdout(done.length ? `${past} ${done.join(', ')}\n` : `nothing to ${verb}: ${id} is already ${verb === 'stop' ? 'stopped' : 'running'}\n`);
    return 0;
  };
}

/** `image cp IMAGE[,IMAGE…] [--from LEVEL] --to LEVEL` (the only `image` subcommand). */
export async function imageCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  checkFlags(args, ['from', 'to', 'quiet']);
  const [sub, ...refs] = args.positionals;
  if (sub !== 'cp') throw new NestedDockerError(`unknown image command '${sub ?? ''}'`, 'nested-docker image cp IMAGE[,IMAGE…] --from LEVEL --to LEVEL', 'usage');
  const to = flag(args, 'to');
  if (!to) throw new NestedDockerError('image cp needs a target level', 'add --to LEVEL (the ids are in `nested-docker ls`)', 'usage');
  const images = refs.flatMap((r) => r.split(','));
  const progress = progressPrinter({ tty: io.stderrIsTTY ?? false, quiet: has(args, 'quiet'), write: io.stderr });
  const results = await withCancel((signal) =>
    engine.copyImages({ images, from: flag(args, 'from'), to, signal, onProgress: (p) => progress({ step: 'copy', ...p }) }),
  ).finally(() => progress.done());
  if (has(args, 'json')) io.stdout(JSON.stringify(results, null, 2) + '\n');
  else {
    for (const r of results) {
      const what = r.action === 'sent' ? (r.onHost ? 'sent (copied on the remote host)' : `sent (${(r.bytes / 1e6).toFixed(1)} MB streamed)`) : r.action === 'tagged' ? 'already there, tagged' : 'already there';
      io.stdout(`${r.image}: ${what}\n`);
    }
  }
  return 0;
}

/** Ctrl-C cancels the work (the engine stops streaming and leaves nothing half-loaded it can undo). */
async function withCancel<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
