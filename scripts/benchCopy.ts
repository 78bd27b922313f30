// (e) Copying an image from the host to depth 3: the engine's one stream vs the raw CLI hop by hop
// (save | load host→L1→L2→L3) and vs a raw direct pipe (docker save | docker exec -i … docker exec -i … docker load).
import { spawn, spawnSync } from 'child_process';
import { NestedDockerEngine } from '../src/engine/engine';

const now = () => Number(process.hrtime.bigint()) / 1e6;

function sh(script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('sh', ['-c', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${script}: exit ${code}: ${err.slice(-400)}`))));
  });
}

/** A distinct image of about `mb` MB (random bytes on busybox), built offline on the host. */
export function buildSizedImage(ref: string, mb: number, base: string): void {
  const r = spawnSync('docker', ['build', '-q', '-t', ref, '-'], {
    input: `FROM ${base}\nRUN dd if=/dev/urandom of=/blob bs=1M count=${mb} 2>/dev/null\n`, encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`building ${ref} failed: ${r.stderr}`);
}

export interface CopyFigures { mb: number; oursMs: number; hopMs: number; pipeMs: number }

/** Median of `trials` copies of `ref` to ids[2] each way, the image removed from every level between runs. */
export async function benchCopy(engine: NestedDockerEngine, ids: string[], ref: string, mb: number, trials: number): Promise<CopyFigures> {
  const [c1, c2, c3] = ids.map((id) => `nested-docker-${id}`);
  const clean = async () => {
    const root = await engine.tree({ containers: false });
    const levels = ids.map((id) => findClient(root, id));
    await Promise.all(levels.map((client) => client?.getImage(ref).remove({ force: true }).catch(() => undefined)));
  };
  const ours: number[] = [];
  const hop: number[] = [];
  const pipe: number[] = [];
  for (let i = 0; i < trials; i++) {
    await clean();
    let t = now();
    await engine.copyImages({ images: [ref], to: ids[2] });
    ours.push(now() - t);
    await clean();
    t = now();
    await sh(`docker save ${ref} | docker exec -i ${c1} docker load -q`);
    await sh(`docker exec ${c1} sh -c 'docker save ${ref} | docker exec -i ${c2} docker load -q'`);
    await sh(`docker exec ${c1} docker exec ${c2} sh -c 'docker save ${ref} | docker exec -i ${c3} docker load -q'`);
    hop.push(now() - t);
    await clean();
    t = now();
    await sh(`docker save ${ref} | docker exec -i ${c1} docker exec -i ${c2} docker exec -i ${c3} docker load -q`);
    pipe.push(now() - t);
  }
  await clean();
  return { mb, oursMs: median(ours), hopMs: median(hop), pipeMs: median(pipe) };
}

function findClient(root: Awaited<ReturnType<NestedDockerEngine['tree']>>, id: string) {
  const walk = (n: typeof root): typeof root | undefined => (n.info.id === id ? n : n.children.map(walk).find(Boolean));
  return walk(root)?.client;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
