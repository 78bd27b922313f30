import { NestedDockerEngine } from '../engine/engine';
import { isAbortError, NestedDockerError } from '../engine/errors';
import { flag, has, parseArgs, ParsedArgs } from './args';
import { collapseCommand, lsCommand, nestCommand } from './commands/levels';
import { preflightCommand } from './commands/preflight';
import { execCommand, logsCommand, shellCommand } from './commands/session';
import { formatError } from './format';
import { CliIO, processIO } from './io';

export const USAGE = `nested-docker: Docker-in-Docker levels, headless

Usage: nested-docker [--host URL] COMMAND [OPTIONS]

Commands:
  ls [--json]                            list the levels (host = depth 0) and their daemon facts
  nest [--parent ID] [--image REF] [--mode auto|privileged|capabilities|sysbox] [--id ID]
       [--daemon-arg ARGS]… [--log-file] [--timeout SECONDS] [--keep-volume] [--json]
                                         launch a new level on a level's daemon (default: the host)
  exec ID [--container C] [-i] [-t] -- CMD…   run a command inside a level (exit code passed through)
  shell ID [--container C] [--shell PATH]     interactive shell inside a level
  logs ID [--follow] [--tail N] [--since T]   a level's daemon log
  collapse ID|--all [--purge]            remove a level and everything nested in it (volumes kept unless --purge)
  classify [FILE|-] [--json]             diagnose dind failure text (daemon log, dmesg, docker errors)
  preflight [ID] [--json] [--disable ID,ID] [--facts]
                                         check a level (default: every level) for dind failure causes; exit 1 on errors
  help                                   this text

Global options (before or after the command):
  --host URL      level 0's daemon: unix:///path, tcp://HOST:PORT (TLS from DOCKER_CERT_PATH) (default: $DOCKER_HOST)
  --no-relay      reach every level by exec tunnel instead of the socket relay
`;

type Handler = (engine: NestedDockerEngine, args: ParsedArgs, io: CliIO) => Promise<number>;

const ENGINE_COMMANDS: Record<string, Handler> = {
  ls: lsCommand,
  list: lsCommand,
  nest: nestCommand,
  exec: execCommand,
  shell: shellCommand,
  logs: logsCommand,
  collapse: collapseCommand,
  preflight: preflightCommand,
};

export async function run(argv: string[], io: CliIO = processIO()): Promise<number> {
  let engine: NestedDockerEngine | undefined;
  try {
    const args = parseArgs(argv);
    if (!args.command || args.command === 'help' || has(args, 'help')) {
      io.stdout(USAGE);
      return args.command && args.command !== 'help' ? 0 : args.command ? 0 : 2;
    }
    if (args.command === 'classify') {
      const { classifyCommand } = await import('./commands/classify');
      const passthrough = [...args.positionals, ...(has(args, 'json') ? ['--json'] : [])];
      return await classifyCommand(passthrough, { stdin: io.stdin, stdout: (s) => io.stdout(s), stderr: (s) => io.stderr(s) });
    }
    const handler = ENGINE_COMMANDS[args.command];
    if (!handler) {
      throw new NestedDockerError(`unknown command '${args.command}'`, 'run `nested-docker help` for the list', 'usage');
    }
    engine = new NestedDockerEngine({
      host: flag(args, 'host'),
      relayDir: flag(args, 'relay-dir'),
      noRelay: has(args, 'no-relay'),
      allowInsecureTcp: has(args, 'allow-insecure-tcp'),
      env: io.env,
    });
    return await handler(engine, args, io);
  } catch (err) {
    io.stderr(formatError(err));
    return isAbortError(err) ? 130 : (err as NestedDockerError).code === 'usage' ? 2 : 1;
  } finally {
    engine?.dispose();
  }
}
