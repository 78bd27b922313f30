import { addHost, HostEntry, hostsFile, listHostsSync, NestedDockerError, probeHost, redactHostUrl, removeHost } from '../../engine';
import { checkFlags, has, ParsedArgs } from '../args';
import { CliIO } from '../io';
import { cliSshOptions } from '../sshOptions';

/** `hosts [--json] [--no-probe]`, `hosts add NAME URL`, `hosts remove NAME`. */
export async function hostsCommand(args: ParsedArgs, io: CliIO): Promise<number> {
  checkFlags(args, ['no-probe', 'accept-new-host-key', 'ssh-key', 'known-hosts']);
  const [sub, ...rest] = args.positionals;
  const env = io.env;
  if (sub === 'add') {
    const [name, url] = rest;
    if (!name || !url) throw new NestedDockerError('hosts add needs a name and a URL', 'nested-docker hosts add NAME ssh://USER@HOST[:PORT]', 'usage');
    const taken = listHostsSync({ env }).filter((h) => h.source !== 'added').map((h) => h.name);
    addHost(name, url, env, taken);
    io.stdout(`added ${name} (${redactHostUrl(url)}) to ${hostsFile(env)}\n`);
    return 0;
  }
  if (sub === 'remove' || sub === 'rm') {
    const name = rest[0];
    if (!name) throw new NestedDockerError('hosts remove needs a name', 'nested-docker hosts remove NAME', 'usage');
    if (!removeHost(name, env)) {
      throw new NestedDockerError(`no added host named '${name}'`, 'contexts are removed with `docker context rm`', 'no-host');
    }
    io.stdout(`removed ${name}\n`);
    return 0;
  }
  if (sub !== undefined && sub !== 'ls' && sub !== 'list') {
    throw new NestedDockerError(`unknown hosts command '${sub}'`, 'use hosts, hosts add NAME URL, or hosts remove NAME', 'usage');
  }
  const hosts = listHostsSync({ env });
  const probe = !has(args, 'no-probe');
  const ssh = cliSshOptions(args, env);
  const probes = await Promise.all(hosts.map((h) =>
    probe && !h.error ? probeHost(h, { env, ssh, allowInsecureTcp: has(args, 'allow-insecure-tcp') }) : undefined));
  const rows = hosts.map((h, i) => hostJson(h, probes[i]));
  if (has(args, 'json')) io.stdout(JSON.stringify(rows, null, 2) + '\n');
  else io.stdout(hostTable(rows));
  return 0;
}

type HostRow = ReturnType<typeof hostJson>;

/** The JSON shape of a host in `hosts --json` (a stable contract, like `ls --json`). */
function hostJson(h: HostEntry, p: Awaited<ReturnType<typeof probeHost>> | undefined) {
  return {
    name: h.name,
    url: redactHostUrl(h.url),
    kind: h.kind,
    source: h.source,
    current: h.current,
    description: h.description ?? null,
    tls: h.tlsDir ? { dir: h.tlsDir, skipVerify: !!h.skipTlsVerify } : null,
    reachable: p ? p.reachable : null,
    version: p?.version ?? null,
    error: h.error ?? p?.error ?? null,
  };
}

function hostTable(rows: HostRow[]): string {
  const table = [['NAME', 'KIND', 'SOURCE', 'REACHABLE', 'VERSION', 'URL']];
  for (const r of rows) {
    table.push([
      `${r.current ? '* ' : '  '}${r.name}`, r.kind, r.source,
      r.reachable === null ? '-' : r.reachable ? 'yes' : 'no', r.version ?? '-', r.url,
    ]);
  }
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  const lines = table.map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
  const errors = rows.filter((r) => r.error).map((r) => `${r.name}: ${r.error}`);
  return [...lines, ...errors].join('\n') + '\n';
}
