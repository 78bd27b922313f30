/**
 * Benchmark: the engine against the raw docker CLI doing the same steps, measured in the same run.
 *   (a) nest one level with the image present   vs  docker run + polling `docker exec … docker info`
 *   (b) ping round trip at depth 1..3 per transport  vs  the host socket
 *   (c) seeding an image into a new level            vs  docker save | docker exec -i … docker load
 *   (d) ping at depth 2 over SSH (own sshd on loopback) vs the local relay at depth 2; SSH connections per 100 requests
 *   (e) copying a ~200 MB and a ~1 GB image from the host to depth 3 vs raw save|load hop by hop and a raw direct pipe
 *   (f) a tree refresh with 3 levels x 50 containers x 20 images vs the raw CLI listing the same
 *   (g) nest L1 and L2 (seeded from L1) with the full and the minimal image
 * `--only a,f` runs just those sections.
 * Usage: npm run bench [-- --json] [-- --trials N] [-- --copy-mb 200,1000]
 */
import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type Dockerode from 'dockerode';
import { capNames } from '../src/engine/core/capabilities';
import { localDaemonCaps } from '../src/engine/hosts/localDaemon';
import { clientForAgent, clientForSocket } from '../src/engine/transport/dockerClient';
import { NestedDockerEngine } from '../src/engine/engine';
import { createExecTunnelAgent } from '../src/engine/transport/execTunnel';
import { seedImage } from '../src/engine/launch/imageTransfer';
import { DEFAULT_IMAGE } from '../src/engine/levels/labels';
import { benchSsh } from './benchSsh';
import { benchCopy, buildSizedImage, CopyFigures } from './benchCopy';
import { benchTree, TreeFigures } from './benchTree';

const json = process.argv.includes('--json');
const trialsArg = process.argv.indexOf('--trials');
const TRIALS = trialsArg > 0 ? Number(process.argv[trialsArg + 1]) : 5;
const PINGS = 200;
const onlyArg = process.argv.indexOf('--only');
/** `--only e,f` runs just those sections (the 3-level tower is built for any of b–f). */
const want = (section: string) => onlyArg < 0 || process.argv[onlyArg + 1].split(',').includes(section);
const RUN = `bench${Date.now().toString(36).slice(-4)}`;
const relayDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nd-bench-'));
fs.chmodSync(relayDir, 0o700);

const log = (s: string) => (json ? process.stderr : process.stdout).write(`${s}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (n: number) => `${n.toFixed(2)} ms`;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const docker = (args: string[]) => spawnSync('docker', args, { encoding: 'utf8' });

/** The flags the engine uses in capabilities mode, so the raw baseline launches the same container. */
function rawLaunchFlags(mode: string): string[] {
  if (mode === 'privileged') return ['--privileged'];
  const caps = localDaemonCaps();
  const names = caps ? capNames(caps.mask).filter((c) => !['PERFMON', 'BPF', 'CHECKPOINT_RESTORE'].includes(c)) : ['SYS_ADMIN', 'NET_ADMIN'];
  return [
    ...names.flatMap((c) => ['--cap-add', c]),
    '--security-opt', 'seccomp=unconfined', '--security-opt', 'apparmor=unconfined',
    '--security-opt', 'systempaths=unconfined', '--device-cgroup-rule', 'a *:* rwm',
  ];
}

async function benchNest(engine: NestedDockerEngine): Promise<{ ours: number; raw: number; mode: string }> {
  const ours: number[] = [];
  const raw: number[] = [];
  // Warm-up: page cache, and the engine learns what this daemon refuses.
  const warm = await engine.nest({ id: `${RUN}-w` });
  await engine.collapse(warm.id, { purge: true });
  for (let i = 0; i < TRIALS; i++) {
    const t0 = now();
    const level = await engine.nest({ id: `${RUN}-n${i}` });
    ours.push(now() - t0);
    await engine.collapse(level.id, { purge: true });

    const name = `${RUN}-raw${i}`;
    const t1 = now();
    const run = docker(['run', '-d', '--name', name, '--label', 'nested-docker.bench=1', '--init', '-v', `${name}:/var/lib/docker`,
      ...rawLaunchFlags(warm.mode), DEFAULT_IMAGE, 'dockerd']);
    if (run.status !== 0) throw new Error(`raw docker run failed: ${run.stderr}`);
    for (;;) {
      if (docker(['exec', name, 'docker', 'info']).status === 0) break;
      if (now() - t1 > 60000) throw new Error('raw dind never answered');
    }
    raw.push(now() - t1);
    docker(['rm', '-f', name]);
    docker(['volume', 'rm', '-f', name]);
  }
  return { ours: median(ours), raw: median(raw), mode: warm.mode };
}

async function pingMedian(client: Dockerode): Promise<number> {
  for (let i = 0; i < 20; i++) await client.ping();
  const xs: number[] = [];
  for (let i = 0; i < PINGS; i++) {
    const t = now();
    await client.ping();
    xs.push(now() - t);
  }
  return median(xs);
}

async function benchPing(engine: NestedDockerEngine, ids: string[]) {
  const host = await pingMedian(clientForSocket('/var/run/docker.sock'));
  const root = await engine.tree({ containers: false });
  const result: { depth: number; relay: number; tunnel: number }[] = [];
  let parentClient: Dockerode = engine.hostClient;
  let node = root;
  for (const [i, id] of ids.entries()) {
    node = node.children.find((c) => c.info.id === id)!;
    const relay = await pingMedian(clientForSocket(path.join(relayDir, `${id}.sock`)));
    const agent = createExecTunnelAgent(parentClient.getContainer(node.info.containerId!));
    const tunnelClient = clientForAgent(agent, id);
    const tunnel = await pingMedian(tunnelClient);
    agent.destroy();
    result.push({ depth: i + 1, relay, tunnel });
    parentClient = clientForSocket(path.join(relayDir, `${id}.sock`));
  }
  return { host, result };
}

async function benchSeed(engine: NestedDockerEngine, l1: string): Promise<{ ours: number; raw: number }> {
  const root = await engine.tree({ containers: false });
  const target = root.children.find((c) => c.info.id === l1)!.client!;
  const container = `nested-docker-${l1}`;
  const removeImage = () => docker(['exec', container, 'docker', 'rmi', '-f', DEFAULT_IMAGE]);
  const ours: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < Math.max(3, Math.ceil(TRIALS / 2)); i++) {
    removeImage();
    const t0 = now();
    await seedImage(engine.hostClient, target, DEFAULT_IMAGE);
    ours.push(now() - t0);
    removeImage();
    const t1 = now();
    await new Promise<void>((resolve, reject) => {
      const p = spawn('sh', ['-c', `docker save ${DEFAULT_IMAGE} | docker exec -i ${container} docker load -q`], { stdio: 'ignore' });
      p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`raw seed failed (${code})`))));
    });
    raw.push(now() - t1);
  }
  return { ours: median(ours), raw: median(raw) };
}

async function main(): Promise<void> {
  const engine = new NestedDockerEngine({ relayDir });
  const ids = [`${RUN}-a`, `${RUN}-b`, `${RUN}-c`];
  try {
    log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.release()}, docker ${execFileSync('docker', ['version', '--format', '{{.Server.Version}}']).toString().trim()}`);
    let nest: { ours: number; raw: number; mode: string } | undefined;
    if (want('a')) {
      log(`(a) nest one level, image present: ${TRIALS} trials each`);
      nest = await benchNest(engine);
      log(`    engine ${ms(nest.ours)}  raw CLI ${ms(nest.raw)}  ratio ${(nest.ours / nest.raw).toFixed(3)}  (mode ${nest.mode})`);
    }

    log('(b) building a 3-level tower for ping and seeding');
    await engine.nest({ id: ids[0] });
    await engine.nest({ id: ids[1], parentId: ids[0] });
    await engine.nest({ id: ids[2], parentId: ids[1] });
    let ping: Awaited<ReturnType<typeof benchPing>> | undefined;
    if (want('b')) {
      ping = await benchPing(engine, ids);
      log(`    host socket ${ms(ping.host)} per ping (median of ${PINGS})`);
      for (const r of ping.result) {
        log(`    depth ${r.depth}: relay ${ms(r.relay)} (x${(r.relay / ping.host).toFixed(2)})  tunnel ${ms(r.tunnel)} (x${(r.tunnel / ping.host).toFixed(2)})`);
      }
    }

    let seed: { ours: number; raw: number } | undefined;
    if (want('c')) {
      log('(c) seeding the dind image into level 1');
      seed = await benchSeed(engine, ids[0]);
      log(`    engine ${ms(seed.ours)}  raw save|load ${ms(seed.raw)}  ratio ${(seed.ours / seed.raw).toFixed(3)}`);
    }

    let ssh: Awaited<ReturnType<typeof benchSsh>> | undefined;
    if (want('d')) {
      log('(d) the same tower seen through SSH (a test sshd on 127.0.0.1 in front of this daemon)');
      ssh = await benchSsh(ids, relayDir, pingMedian);
      log(`    depth 2: ssh (${ssh.sshDepth2Transport}) ${ms(ssh.sshDepth2Ms)}  local relay ${ms(ssh.relayDepth2Ms)}  ratio ${(ssh.sshDepth2Ms / ssh.relayDepth2Ms).toFixed(2)} (goal <= 3)` +
        `  [ssh + exec tunnels ${ms(ssh.sshTunnelDepth2Ms)}, x${(ssh.sshTunnelDepth2Ms / ssh.relayDepth2Ms).toFixed(2)}]`);
      log(`    host over ssh, ping: stream-local ${ms(ssh.hostStreamLocalMs)}  dial-stdio ${ms(ssh.hostDialStdioMs)}; ` +
        `new connection: stream-local ${ms(ssh.newConnStreamLocalMs)}  dial-stdio ${ms(ssh.newConnDialStdioMs)}`);
      log(`    SSH connections opened for 100 requests: ${ssh.connectionsPer100} (goal 1)`);
    }

    const copyArg = process.argv.indexOf('--copy-mb');
    const sizes = (copyArg > 0 ? process.argv[copyArg + 1] : '200,1000').split(',').map(Number).filter((n) => n > 0);
    const copies: CopyFigures[] = [];
    for (const mb of want('e') ? sizes : []) {
      const ref = `nested-docker/bench:${RUN}-${mb}m`;
      log(`(e) copying a ~${mb} MB image from the host to depth 3 (median of 3)`);
      buildSizedImage(ref, mb, 'nested-docker/test:no-dockerd');
      try {
        const c = await benchCopy(engine, ids, ref, mb, 3);
        copies.push(c);
        log(`    engine ${ms(c.oursMs)}  hop by hop ${ms(c.hopMs)} (ratio ${(c.oursMs / c.hopMs).toFixed(3)}, goal <= 0.5)` +
          `  direct pipe ${ms(c.pipeMs)} (ratio ${(c.oursMs / c.pipeMs).toFixed(3)}, goal <= 1.0)`);
      } finally {
        docker(['rmi', '-f', ref]);
      }
    }

    const images: { image: string; sizeMb: number; l1Ms: number; l2Ms: number }[] = [];
    if (want('g')) {
      log('(g) the full and the minimal image: nest L1 on the host, then L2 on it (L2 seeded from L1), one run each');
      for (const image of [DEFAULT_IMAGE, 'nested-docker/dind:minimal']) {
        const inspected = docker(['image', 'inspect', image, '--format', '{{.Size}}']);
        if (inspected.status !== 0) {
          log(`    ${image}: not on the host (npm run image:minimal builds it), skipped`);
          continue;
        }
        const id = `${RUN}-g${images.length}`;
        try {
          const t0 = now();
          await engine.nest({ id, image });
          const t1 = now();
          await engine.nest({ id: `${id}x`, parentId: id, image });
          const t2 = now();
          images.push({ image, sizeMb: +(Number(inspected.stdout.trim()) / 1e6).toFixed(1), l1Ms: t1 - t0, l2Ms: t2 - t1 });
          log(`    ${image} (${(Number(inspected.stdout.trim()) / 1e6).toFixed(1)} MB): L1 ${ms(t1 - t0)}  L2 with its seed ${ms(t2 - t1)}`);
        } finally {
          await engine.collapse(id, { purge: true }).catch(() => undefined);
        }
      }
    }

    let tree: TreeFigures | undefined;
    if (want('f')) {
      log('(f) a tree refresh with 3 levels x 50 containers x 20 images (discovery + every row; median of 5)');
      tree = await benchTree(engine, ids, relayDir, RUN, 5);
      log(`    ${tree.levels} levels, ${tree.containers} containers, ${tree.images} images: engine ${ms(tree.oursMs)} (goal <= 150 ms)` +
        `  raw CLI ps/images/volume ls/network ls per level ${ms(tree.rawMs)}  ratio ${(tree.oursMs / tree.rawMs).toFixed(3)}`);
    }

    const d3 = ping?.result[2];
    const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || !b ? null : +(a / b).toFixed(3));
    const summary = {
      nestRatio: ratio(nest?.ours, nest?.raw),
      pingRatioDepth3: ratio(d3?.relay, ping?.host),
      pingTunnelRatioDepth3: ratio(d3?.tunnel, ping?.host),
      seedRatio: ratio(seed?.ours, seed?.raw),
      sshPingRatioDepth2: ratio(ssh?.sshDepth2Ms, ssh?.relayDepth2Ms),
      sshConnectionsPer100: ssh?.connectionsPer100 ?? null,
      copyDepth3: copies.map((c) => ({ vsHopByHop: +(c.oursMs / c.hopMs).toFixed(3), vsDirectPipe: +(c.oursMs / c.pipeMs).toFixed(3), ...c })),
      imagesNest: images,
      treeRefresh: tree ? { ...tree, vsRawCli: ratio(tree.oursMs, tree.rawMs) } : null,
      medians: {
        nestMs: nest?.ours, rawNestMs: nest?.raw, hostPingMs: ping?.host,
        ping: ping?.result, seedMs: seed?.ours, rawSeedMs: seed?.raw, ssh,
      },
      trials: TRIALS,
      mode: nest?.mode,
    };
    if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await engine.collapse(ids[0], { purge: true }).catch(() => undefined);
    engine.dispose();
    fs.rmSync(relayDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : err}\n`);
  process.exitCode = 1;
});
