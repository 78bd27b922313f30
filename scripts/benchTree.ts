// (f) A tree refresh at scale: 3 levels, each with 50 containers and 20 images. What the Levels view does per
// refresh (one discovery with every level's containers, images, volumes and networks, then the rows of every level,
// group and item) against the raw docker CLI listing the same four kinds at each level through its relay socket.
import { spawnSync } from 'child_process';
import * as path from 'path';
import type Dockerode from 'dockerode';
import { NestedDockerEngine } from '../src/engine/engine';
import { flatten, LevelNode } from '../src/engine/levels/levelNode';
import { groupRow, groupsOf, itemsOf, resourceRow } from '../src/extension/tree/resourceRows';
import { childrenOf, levelRow, TreeOptions } from '../src/extension/tree/treeModel';

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export interface TreeFigures { containers: number; images: number; levels: number; oursMs: number; rawMs: number }

/** Every row the tree would draw for this snapshot (what getChildren/getTreeItem compute). */
function rowsOf(root: LevelNode, opts: TreeOptions): number {
  let rows = 0;
  for (const node of flatten(root)) {
    levelRow(node, opts);
    childrenOf(node);
    rows++;
    for (const group of groupsOf(node.info)) {
      groupRow(node.info, group);
      for (const item of itemsOf(node.info, group)) {
        resourceRow(item, node.info);
        rows++;
      }
    }
  }
  return rows;
}

/** Fills each level with `containers` created (not started) containers and `images` distinct committed images. */
export async function populate(levels: LevelNode[], image: string, run: string, containers: number, images: number): Promise<void> {
  for (const level of levels) {
    const client = level.client as Dockerode;
    const made: Dockerode.Container[] = [];
    for (let i = 0; i < containers; i++) {
      made.push(await client.createContainer({ Image: image, Cmd: ['true'], name: `${run}-c${i}`, Labels: { 'nested-docker.bench': run } }));
    }
    // A commit with its own label is a distinct image id (listed as its own row), made in milliseconds.
    for (let i = 0; i < images; i++) await made[i % made.length].commit({ repo: `${run}-img`, tag: `t${i}`, changes: [`LABEL bench=${i}`] });
  }
}

export async function benchTree(engine: NestedDockerEngine, ids: string[], relayDir: string, run: string, trials: number): Promise<TreeFigures> {
  const image = 'nested-docker/test:no-dockerd';
  await engine.copyImages({ images: [image], to: ids[ids.length - 1] });
  for (const id of ids.slice(0, -1)) await engine.copyImages({ images: [image], to: id });
  const root = await engine.tree({ containers: false });
  const levels = flatten(root).filter((n) => ids.includes(n.info.id));
  await populate(levels, image, run, 50, 20);

  const opts: TreeOptions = { maxDepth: 8, addedHosts: new Set() };
  const ours: number[] = [];
  const raw: number[] = [];
  for (let t = 0; t < trials; t++) {
    const start = now();
    rowsOf(await engine.tree({ resources: true }), opts);
    ours.push(now() - start);

    const rawStart = now();
    for (const level of levels) {
      const env = { ...process.env, DOCKER_HOST: `unix://${path.join(relayDir, level.relaySocket ?? '')}`, DOCKER_CONTEXT: '' };
      for (const args of [['ps', '-a'], ['images'], ['volume', 'ls'], ['network', 'ls']]) {
        const r = spawnSync('docker', args, { env, encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`docker ${args.join(' ')} at ${level.info.id}: ${r.stderr}`);
      }
    }
    raw.push(now() - rawStart);
  }
  const counted = flatten(await engine.tree({ resources: true })).filter((n) => ids.includes(n.info.id));
  return {
    levels: counted.length,
    containers: counted.reduce((n, l) => n + (l.info.containers?.length ?? 0), 0),
    images: counted.reduce((n, l) => n + (l.info.images?.length ?? 0), 0),
    oursMs: median(ours),
    rawMs: median(raw),
  };
}
