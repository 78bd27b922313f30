import { NestedDockerEngine, NestedDockerError } from '../../engine';
import { checkFlags, flag, has, intFlag, ParsedArgs } from '../args';
import { CliIO } from '../io';

export async function execCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  checkFlags(args, ['container', 'interactive', 'tty']);
  const id = args.positionals[0];
  if (!id || args.rest.length === 0) {
    throw new NestedDockerError('exec needs a level id and a command', 'nested-docker exec ID -- CMD [ARGS…]', 'usage');
  }
  return runSession(engine, io, id, args.rest, {
    containerId: flag(args, 'container'),
    interactive: has(args, 'interactive'),
    tty: has(args, 'tty'),
  });
}

export async function shellCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  checkFlags(args, ['container', 'shell']);
  const id = args.positionals[0];
  if (!id) throw new NestedDockerError('shell needs a level id', 'nested-docker shell ID', 'usage');
  const shell = flag(args, 'shell') ?? '/bin/sh';
  const code = await runSession(engine, io, id, [shell], { containerId: flag(args, 'container'), interactive: true, tty: !!io.stdin.isTTY });
  // 126/127: the runtime could not start the shell (an image without one, or a wrong path).
  if (code === 126 || code === 127) {
    io.stderr(
      `nested-docker: error: the shell ${shell} cannot run in ${flag(args, 'container') ?? `level ${id}`}: it is not there or not executable\n` +
        '  fix: choose a shell the image has with --shell (in VS Code: the "dind.terminal.shell" setting), e.g. /bin/sh; an image without any shell cannot give a terminal\n',
    );
    return 127;
  }
  return code;
}

async function runSession(
  engine: NestedDockerEngine,
  io: CliIO,
  id: string,
  cmd: string[],
  o: { containerId?: string; interactive: boolean; tty: boolean },
): Promise<number> {
  const size = io.size?.();
  const session = await engine.exec(id, {
    cmd, containerId: o.containerId, stdin: o.interactive, tty: o.tty, cols: size?.cols, rows: size?.rows,
  });
  session.stdout.on('data', (c: Buffer) => io.stdout(c));
  session.stderr.on('data', (c: Buffer) => io.stderr(c));
  const raw = o.tty && io.stdin.isTTY && io.stdin.setRawMode;
  if (raw) io.stdin.setRawMode!(true);
  const stopResize = o.tty
    ? io.onResize?.(() => {
        const s = io.size?.();
        if (s) session.resize(s.cols, s.rows).catch(() => undefined);
      })
    : undefined;
  if (o.interactive) {
    io.stdin.on('data', (c: Buffer) => session.input.write(c));
    io.stdin.on('end', () => session.input.end());
  }
  try {
    return await session.wait();
  } finally {
    stopResize?.();
    if (raw) io.stdin.setRawMode!(false);
    (io.stdin as unknown as { pause?: () => void }).pause?.();
    session.close();
  }
}

export async function logsCommand(engine: NestedDockerEngine, args: ParsedArgs, io: CliIO): Promise<number> {
  checkFlags(args, ['follow', 'tail', 'since', 'timestamps']);
  const id = args.positionals[0];
  if (!id) throw new NestedDockerError('logs needs a level id', 'nested-docker logs ID [--follow] [--tail N]', 'usage');
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    const lines = await engine.daemonLog(id, {
      follow: has(args, 'follow'),
      tail: intFlag(args, 'tail'),
      since: flag(args, 'since'),
      timestamps: has(args, 'timestamps'),
      signal: controller.signal,
    });
    await new Promise<void>((resolve, reject) => {
      lines.on('data', (line: string) => io.stdout(`${line}\n`));
      lines.on('end', resolve);
      lines.on('close', resolve);
      lines.on('error', (err) => (controller.signal.aborted ? resolve() : reject(err)));
    });
    return 0;
  } finally {
    process.off('SIGINT', stop);
  }
}
