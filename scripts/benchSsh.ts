/**
 * Bench section (d): levels on a host reached over SSH, against a real sshd on loopback (scripts/testSshd.ts).
 *   - ping at depth 2 over SSH (the level's own socket through /proc, as root logins get it; and by two exec
 *     tunnels, as other logins get it) vs the local relay at depth 2, interleaved in rounds so a busy machine weighs
 *     on all alike;
 *   - host ping, and opening a new API connection, over SSH by stream-local forwarding vs `docker system dial-stdio`
 *     (why stream-local is the default);
 *   - SSH connections opened by a fresh engine for 100 requests spread over depths 0–2.
 */
import * as path from 'path';
import type Dockerode from 'dockerode';
import { clientForSocket } from '../src/engine/transport/dockerClient';
import { NestedDockerEngine } from '../src/engine/engine';
import { findLevel } from '../src/engine/levels/discovery';
import { leaseSshDocker, sshStats } from '../src/engine/transport/ssh/sshDocker';
import { SshOptions } from '../src/engine/transport/ssh/sshOptions';
import { startTestSshd } from './testSshd';

export interface SshBench {
  /** Median ping at depth 2 over SSH, and through the local relay, in ms. */
  sshDepth2Ms: number;
  /** How depth 2 was reached in that measurement: 'ssh' (its own socket) or 'tunnel'. */
  sshDepth2Transport: string;
  sshTunnelDepth2Ms: number;
  relayDepth2Ms: number;
  hostStreamLocalMs: number;
  hostDialStdioMs: number;
  /** Opening one more Docker API connection on a live SSH connection, plus its first ping. */
  newConnStreamLocalMs: number;
  newConnDialStdioMs: number;
  connectionsPer100: number;
}

type PingMedian = (client: Dockerode) => Promise<number>;

const transports = new Map<Dockerode, string>();

async function depthClient(engine: NestedDockerEngine, id: string): Promise<Dockerode> {
  const node = findLevel(await engine.tree({ containers: false }), id);
  if (!node?.client) throw new Error(`level ${id} is not reachable over SSH: ${node?.info.error ?? 'not found'}`);
  transports.set(node.client, node.info.transport ?? '?');
  return node.client;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchSsh(ids: string[], relayDir: string, pingMedian: PingMedian): Promise<SshBench> {
  const sshd = await startTestSshd();
  const opts = (extra: Partial<SshOptions> = {}): SshOptions => ({
    identityFiles: [sshd.clientKey], knownHostsFiles: [sshd.knownHosts], configFile: null, agentSocket: null, ...extra,
  });
  try {
    // 100 requests from a fresh engine: discovery down to depth 2, then pings at every depth.
    const fresh = new NestedDockerEngine({ host: sshd.url, ssh: opts() });
    const opened = sshStats().connectionsOpened;
    let requests = 0;
    const clients = [fresh.hostClient, await depthClient(fresh, ids[0]), await depthClient(fresh, ids[1])];
    while (requests < 100) {
      await clients[requests % 3].ping();
      requests++;
    }
    const connectionsPer100 = sshStats().connectionsOpened - opened;
    fresh.dispose();

    const streamLocal = new NestedDockerEngine({ host: sshd.url, ssh: opts({ transport: 'streamlocal' }) });
    const dialStdio = new NestedDockerEngine({ host: sshd.url, ssh: opts({ transport: 'dial-stdio' }) });
    const tunnels = new NestedDockerEngine({ host: sshd.url, ssh: opts(), noRelay: true });
    const ssh2 = await depthClient(streamLocal, ids[1]);
    const tunnel2 = await depthClient(tunnels, ids[1]);
    const relay2 = clientForSocket(path.join(relayDir, `${ids[1]}.sock`));
    const rounds = { ssh: [] as number[], tunnel: [] as number[], relay: [] as number[], sl: [] as number[], ds: [] as number[] };
    for (let r = 0; r < 3; r++) {
      rounds.ssh.push(await pingMedian(ssh2));
      rounds.tunnel.push(await pingMedian(tunnel2));
      rounds.relay.push(await pingMedian(relay2));
      rounds.sl.push(await pingMedian(streamLocal.hostClient));
      rounds.ds.push(await pingMedian(dialStdio.hostClient));
    }
    streamLocal.dispose();
    dialStdio.dispose();
    tunnels.dispose();
    const newConn = async (transport: 'streamlocal' | 'dial-stdio') => {
      const lease = leaseSshDocker(sshd.url, opts({ transport }));
      const xs: number[] = [];
      for (let i = 0; i < 11; i++) {
        const t = performance.now();
        const sock = await lease.connection.openDockerStream();
        await new Promise((r) => {
          sock.once('data', r);
          sock.write('GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n');
        });
        if (i > 0) xs.push(performance.now() - t); // the first one includes the SSH handshake
        sock.destroy();
      }
      lease.release();
      return median(xs);
    };
    return {
      sshDepth2Ms: median(rounds.ssh),
      sshDepth2Transport: transports.get(ssh2) ?? '?',
      sshTunnelDepth2Ms: median(rounds.tunnel),
      relayDepth2Ms: median(rounds.relay),
      hostStreamLocalMs: median(rounds.sl),
      hostDialStdioMs: median(rounds.ds),
      newConnStreamLocalMs: await newConn('streamlocal'),
      newConnDialStdioMs: await newConn('dial-stdio'),
      connectionsPer100,
    };
  } finally {
    await sshd.stop();
  }
}
