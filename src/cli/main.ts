import { buildMinimalImage, engineFor, isAbortError, NestedDockerError } from '../engine';
import type { NestedDockerEngine } from '../engine';
import { flag, has, parseArgs, ParsedArgs } from './args';
import { doodPathCommand, exposeCommand, unexposeCommand } from './commands/expose';
import { collapseCommand, lsCommand, nestCommand } from './commands/levels';
import { doctorCommand } from './commands/doctor';
import { hostsCommand } from './commands/hosts';
import { preflightCommand } from './commands/preflight';
import { imageCommand, imagesCommand, lifecycleCommand, networksCommand, psCommand, volumesCommand } from './commands/levelContents';
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
  nest [--parent ID] [--image REF] [--mode auto|privileged|capabilities|sysbox|dood] [--id ID] [--quiet]
       [--daemon-arg ARGS]… [--log-file] [--timeout SECONDS] [--keep-volume] [--seed IMAGE]… [--json]
       [--expose [--address IP] [--port N]]   (also publish the new level's daemon over TLS, see expose)
       [--publish HOST:CONTAINER]… [--bind SOURCE:TARGET]…   (--mode dood: ports and folders of the DooD container)
       [--apparmor-unconfined | --apparmor-profile NAME] [--no-cgroup-setup]   (AppArmor label; skip the v2 cgroup move)
                                         launch a new level on a level's daemon (default: the host); progress on
                                         stderr: a live line on a terminal, a line per step or ~10 % otherwise,
                                         none (and no privilege warning) with --quiet; --seed copies host images in
  ps|images|volumes|networks ID [--json] what a level's daemon holds (plain containers; child levels are in ls)
  start|stop|restart ID [--timeout S]    start a stopped level (stopped levels above it first, then its children
                                         that went down with it), stop one (deepest first), or both
  image cp IMAGE[,IMAGE…] [--from ID] --to ID
                                         stream images from one level's daemon straight into another's (default
                                         --from host): no registry, no copy left at the levels in between
  exec ID [--container C] [-i] [-t] -- CMD…   run a command inside a level (exit code passed through)
  shell ID [--container C] [--shell PATH]     interactive shell inside a level
  logs ID [--follow] [--tail N] [--since T]   a level's daemon log
  expose ID [--address IP] [--port N]   publish a level's daemon over TLS (2376 inside; 127.0.0.1 and 2376 or a free
                                         port here), with certificates and a Docker context nested-docker-ID
  unexpose ID                            close that listener; certificates and context are removed
  dood-path ID PATH                      the parent-side path of PATH inside DooD level ID (what -v there must name)
  collapse ID|--all [--purge] [--quiet]  remove a level and everything nested in it (volumes kept unless --purge)
  doctor [--yes] [--volumes] [--json]   find what a crash left (relay sockets without a level, level containers that
                                         never started or lost their parent) and remove it on confirmation; lists
                                         what it keeps and why (data volumes of collapsed levels unless --volumes)
  classify [FILE|-] [--json]             diagnose dind failure text (daemon log, dmesg, docker errors)
  preflight [ID] [--json] [--disable ID,ID] [--facts]
                                         check a level (default: every level) for dind failure causes; exit 1 on errors
  image-minimal [--tag T] [--force]     build nested-docker/dind:minimal from this machine's binaries (only what
                                         dockerd needs; same as npm run image:minimal)
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
  expose: exposeCommand,
  unexpose: unexposeCommand,
  'dood-path': doodPathCommand,
  preflight: preflightCommand,
  ps: psCommand,
  images: imagesCommand,
  volumes: volumesCommand,
  networks: networksCommand,
  start: lifecycleCommand('start'),
  stop: lifecycleCommand('stop'),
  restart: lifecycleCommand('restart'),
  image: imageCommand,
  doctor: doctorCommand,
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
    if (args.command === 'image-minimal') {
      const tag = await buildMinimalImage({ tag: flag(args, 'tag'), force: has(args, 'force'), env: io.env, onLine: (l) => io.stderr(`${l}\n`) });
      io.stdout(`${tag}\n`);
      return 0;
    }
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
