// Bench (f) inside the real extension host: what the Levels view does per refresh (one discovery of every level
// with its containers, images, volumes and networks, then getChildren and getTreeItem for every row), with 3 levels
// of 50 containers and 20 images each, against the raw docker CLI listing the same at each level in the same run.
// Run by `npm run bench:tree-host` (code-server's extension host), never by npm test: figures, not pass/fail.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { populate } from '../../../scripts/benchTree';
import { flatten } from '../../../src/engine/levels/levelNode';
import type { Services } from '../../../src/extension/services';
import type { TreeNode } from '../../../src/extension/tree/nodes';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const CLI = path.join(ROOT, 'bin', 'nested-docker.js');
const IMAGE = 'nested-docker/test:no-dockerd';
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const nd = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

async function rows(s: Services, node?: TreeNode): Promise<number> {
  let n = 0;
  for (const child of await s.tree.getChildren(node)) {
    s.tree.getTreeItem(child);
    n += 1 + (await rows(s, child));
  }
  return n;
}

export async function run(): Promise<void> {
  const run = `bh${Date.now().toString(36).slice(-4)}`;
  const ids = [`${run}-a`, `${run}-b`, `${run}-c`];
  const s = (await vscode.extensions.getExtension<Services>('nested-docker.nested-docker-sessions')!.activate());
  try {
    nd('nest', '--id', ids[0], '--quiet');
    nd('nest', '--parent', ids[0], '--id', ids[1], '--quiet');
    nd('nest', '--parent', ids[1], '--id', ids[2], '--quiet');
    for (const id of ids) nd('image', 'cp', IMAGE, '--to', id, '--quiet');
    s.tree.refresh();
    const levels = flatten((await s.tree.current())!).filter((l) => ids.includes(l.info.id));
    await populate(levels, IMAGE, run, 50, 20);
    // Open every level and group once, as a user expanding the tree would; then time refreshes.
    await rows(s);
    const ours: number[] = [];
    const discovery: number[] = [];
    const raw: number[] = [];
    let drawn = 0;
    for (let t = 0; t < 9; t++) {
      const start = now();
      s.tree.refresh();
      await s.tree.current();
      discovery.push(now() - start);
      drawn = await rows(s);
      ours.push(now() - start);
      const rawStart = now();
      for (const level of levels) {
        const env = { ...process.env, DOCKER_HOST: level.info.dockerHost ?? '', DOCKER_CONTEXT: '' };
        for (const args of [['ps', '-a'], ['images'], ['volume', 'ls'], ['network', 'ls']]) {
          const r = spawnSync('docker', args, { env, encoding: 'utf8' });
          if (r.status !== 0) throw new Error(`docker ${args.join(' ')} at ${level.info.id}: ${r.stderr}`);
        }
      }
      raw.push(now() - rawStart);
    }
    const counted = flatten((await s.tree.current())!).filter((l) => ids.includes(l.info.id));
    const figures = {
      levels: counted.length,
      containers: counted.reduce((n, l) => n + (l.info.containers?.length ?? 0), 0),
      images: counted.reduce((n, l) => n + (l.info.images?.length ?? 0), 0),
      rows: drawn, oursMs: Math.round(median(ours)), discoveryMs: Math.round(median(discovery)), rawMs: Math.round(median(raw)),
      all: ours.map(Math.round),
    };
    const line = `(f) in the extension host: ${figures.levels} levels, ${figures.containers} containers, ${figures.images} images, ${figures.rows} rows: refresh + every row ${figures.oursMs} ms (discovery ${figures.discoveryMs} ms) vs raw CLI ${figures.rawMs} ms (${(figures.oursMs / figures.rawMs).toFixed(2)}x); runs ${figures.all.join(' / ')} ms`;
    console.log(line);
    fs.mkdirSync(path.join(ROOT, 'out', 'bench'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'out', 'bench', 'tree-in-host.json'), JSON.stringify({ ...figures, line }, null, 2));
  } finally {
    try {
      nd('collapse', ids[0], '--purge', '--quiet');
    } catch (err) {
      console.error(`cleanup: ${(err as Error).message}`);
    }
  }
}
