import { checkExposeRequest, Exposure, NestedDockerEngine, NestedDockerError } from '../../engine';
import { checkFlags, flag, has, intFlag, ParsedArgs } from '../args';
import { CliIO } from '../io';

/** The risk of a non-loopback address, said before anything changes (stderr, so JSON on stdout stays clean). */
export function warnAddress(args: ParsedArgs, io: CliIO): { address?: string; port?: number } {
  const address = flag(args, 'address');
  const port = intFlag(args, 'port');
  const warning = checkExposeRequest(address ?? '127.0.0.1', port);
  if (warning) io.stderr(`warning: --address ${address}: ${warning}\n`);
  return { address, port };
}

function exposureText(e: Exposure): string {
  return [
    `level ${e.levelId}: daemon on ${e.url} over TLS (client certificate required)`,
    `  docker --context ${e.context} info`,
    `  certificates: ${e.certDir} (ca.pem, cert.pem, key.pem)`,
    `  close it with: nested-docker unexpose ${e.levelId}`,
  ].join('\n') + '\n';
}

export async function exposeCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  checkFlags(args, ['address', 'port', 'timeout', 'quiet']);
  const id = args.positionals[0];
  if (!id) throw new NestedDockerError('expose needs a level id', 'nested-docker expose LEVEL [--address 127.0.0.1] [--port N]', 'usage');
  const request = warnAddress(args, io);
  const timeout = intFlag(args, 'timeout');
  const quiet = has(args, 'quiet');
  const exposure = await engine.expose(id, {
    ...request,
    startTimeoutMs: timeout !== undefined ? timeout * 1000 : undefined,
    onProgress: (m) => quiet || io.stderr(`${m}\n`),
  });
  const { warning: _warning, ...shown } = exposure;
  io.stdout(has(args, 'json') ? JSON.stringify(shown, null, 2) + '\n' : exposureText(exposure));
  return 0;
}

export async function unexposeCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  checkFlags(args, ['timeout', 'quiet']);
  const id = args.positionals[0];
  if (!id) throw new NestedDockerError('unexpose needs a level id', 'nested-docker unexpose LEVEL', 'usage');
  const timeout = intFlag(args, 'timeout');
  const quiet = has(args, 'quiet');
  const was = await engine.unexpose(id, { startTimeoutMs: timeout !== undefined ? timeout * 1000 : undefined, onProgress: (m) => quiet || io.stderr(`${m}\n`) });
  io.stdout(has(args, 'json') ? JSON.stringify({ levelId: id, unexposed: was }) + '\n' : was ? `level ${id}: TCP listener closed, certificates and context removed\n` : `level ${id} was not exposed\n`);
  return 0;
}

export async function doodPathCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  checkFlags(args, []);
  const [id, p] = args.positionals;
  if (!id || !p) throw new NestedDockerError('dood-path needs a DooD level id and a path', 'nested-docker dood-path LEVEL /path/inside/it', 'usage');
  const found = await engine.doodPath(id, p);
  io.stdout(has(args, 'json') ? JSON.stringify({ levelId: id, path: p, parentPath: found.path, via: found.via }) + '\n' : `${found.path}\n`);
  return 0;
}
