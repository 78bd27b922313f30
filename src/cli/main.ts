import { engineFor, isAbortError, NestedDockerError } from '../engine';
import type { NestedDockerEngine } from '../engine';
import { flag, has, parseArgs, ParsedArgs } from './args';
import { collapseCommand, lsCommand, nestCommand } from './commands/levels';
import { hostsCommand } from './commands/hosts';
import { preflightCommand } from './commands/preflight';
import { topCommand } from './commands/resources';
import { execCommand, logsCommand, shellCommand } from './commands/session';
import { formatError } from './format';
import { CliIO, processIO } from './io';
import { cliSshOptions } from './sshOptions';

const USAGE = `nested-docker: Docker-in-Docker levels, headless

Usage: nested-docker [--host URL|NAME] COMMAND [OPTIONS]

Commands:
  ls [--json] [--resources]              list the levels (host = depth 0) and their daemon facts; --resources adds
                                         CPU %, memory (used/limit) and disk of each level, own and with its subtree
  top [--once] [--interval S] [--no-disk] [--json]
                                         those figures again every few seconds (once when not on a terminal)
  nest [--parent ID] [--image REF] [--mode auto|privileged|capabilities|sysbox] [--id ID] [--quiet]
       [--daemon-arg ARGS]… [--log-file] [--timeout SECONDS] [--keep-volume] [--json]
                                         launch a new level on a level's daemon (default: the host); progress on
                                         stderr: a live line on a terminal, a line per step or ~10 % otherwise,
                                         none (and no privilege warning) with --quiet
  exec ID [--container C] [-i] [-t] -- CMD…   run a command inside a level (exit code passed through)
  shell ID [--container C] [--shell PATH]     interactive shell inside a level
  logs ID [--follow] [--tail N] [--since T]   a level's daemon log
  collapse ID|--all [--purge] [--quiet]  remove a level and everything nested in it (volumes kept unless --purge)
  classify [FILE|-] [--json]             diagnose dind failure text (daemon log, dmesg, docker errors)
  preflight [ID] [--json] [--disable ID,ID] [--facts]
                                         check a level (default: every level) for dind failure causes; exit 1 on errors
  hosts [--json] [--no-probe]            list the hosts (default, Docker contexts, added) and whether they answer
  hosts add NAME URL | hosts remove NAME manage the added hosts (e.g. hosts add build ssh://me@build.example)
  help                                   this text

Global options (before or after the command):
  --host URL|NAME level 0's daemon: unix:///path, tcp://HOST:PORT (TLS from DOCKER_CERT_PATH), ssh://USER@HOST[:PORT],
                  or a Docker context / added host name (default: $DOCKER_HOST, else the current Docker context)
  --no-relay      reach every level by exec tunnel instead of the socket relay
  --allow-insecure-tcp      allow plain tcp:// to a non-loopback address
  --ssh-key PATH            SSH private key to use (repeatable; replaces the defaults and ssh-agent)
  --known-hosts PATH        known_hosts file to check and record into (default: from ~/.ssh/config, ~/.ssh/known_hosts)
  --accept-new-host-key     trust an SSH host key that is not in known_hosts yet, and record it

Environment: NESTED_DOCKER_SSH_KEY, NESTED_DOCKER_KNOWN_HOSTS, NESTED_DOCKER_SSH_CONFIG (a file, or none),
  NESTED_DOCKER_SSH_PASSPHRASE, NESTED_DOCKER_CONFIG_DIR (hosts.json), DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG.
  See docs/remote-hosts.md.
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
  top: topCommand,
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
    if (args.command === 'hosts') return await hostsCommand(args, io);
    const handler = ENGINE_COMMANDS[args.command];
    if (!handler) {
      throw new NestedDockerError(`unknown command '${args.command}'`, 'run `nested-docker help` for the list', 'usage');
    }
    // --host takes a URL or the name of a Docker context or added host; none means the docker CLI's choice.
    engine = engineFor(flag(args, 'host'), {
      relayDir: flag(args, 'relay-dir'),
      noRelay: has(args, 'no-relay'),
      allowInsecureTcp: has(args, 'allow-insecure-tcp'),
      env: io.env,
      ssh: cliSshOptions(args, io.env),
    });
    return await handler(engine, args, io);
  } catch (err) {
    io.stderr(formatError(err));
    return isAbortError(err) ? 130 : (err as NestedDockerError).code === 'usage' ? 2 : 1;
  } finally {
    engine?.dispose();
  }
}
