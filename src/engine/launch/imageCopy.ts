// Images into any level, in one stream: `save` on the source level's daemon piped straight into `load` on the
// target's, over whatever reaches each (relay socket or exec tunnel), so the levels in between never hold a copy.
import type Dockerode from 'dockerode';
import { NestedDockerError, statusCode, throwIfAborted } from '../core/errors';
import { CopyImagesOptions, CopyResult } from '../core/types';
import { findLevel } from '../levels/discovery';
import { HOST_LEVEL_ID } from '../levels/labels';
import { LevelNode } from '../levels/levelNode';
import type { LevelDirectory } from '../levels/discovery';
import { describeTransfer, transferImages } from './imageTransfer';

export async function copyImages(root: LevelNode, opts: CopyImagesOptions, levels?: LevelDirectory): Promise<CopyResult[]> {
  const images = [...new Set(opts.images.map((i) => i.trim()).filter(Boolean))];
  if (images.length === 0) throw new NestedDockerError('no image to copy', 'name one or more images, e.g. image cp alpine:3 --to L2', 'usage');
  const from = readyLevel(root, opts.from ?? HOST_LEVEL_ID, 'source');
  const to = readyLevel(root, opts.to, 'target');
  if (from === to) {
    throw new NestedDockerError(`the source and the target are both ${from.info.id}`, 'choose another target level', 'usage');
  }
  const report = opts.onProgress ?? (() => undefined);
  const results: CopyResult[] = [];
  const toSend: { ref: string; id: string }[] = [];
  for (const ref of images) {
    throwIfAborted(opts.signal);
    const id = await imageId(from.client!, ref, from.info.id);
    const there = await inspectOrUndefined(to.client!, id);
    if (!there) {
      toSend.push({ ref, id });
      continue;
    }
    // Same image id: its layers are all there, only the name may be missing.
    const tag = splitTag(ref);
    if (tag && !(there.RepoTags ?? []).includes(`${tag.repo}:${tag.tag}`)) {
      await to.client!.getImage(id).tag({ repo: tag.repo, tag: tag.tag });
      results.push({ image: ref, id, action: 'tagged', bytes: 0 });
    } else results.push({ image: ref, id, action: 'present', bytes: 0 });
    report({ message: `${ref} is already on ${to.info.id}` });
  }
  if (toSend.length > 0) {
    const names = toSend.map((s) => s.ref);
    report({ message: `Copying ${names.join(', ')} from ${from.info.id} to ${to.info.id}`, bytes: 0 });
    const { bytes, onHost } = await transferImages(levels, from, to, names, (p) =>
      report({
        message: `Copying ${names.join(', ')} to ${to.info.id}: ${describeTransfer(p)}`,
        bytes: p.bytes,
        totalBytes: p.totalBytes,
      }), opts.signal);
    for (const s of toSend) results.push({ image: s.ref, id: s.id, action: 'sent', bytes, ...(onHost ? { onHost } : {}) });
  }
  return results;
}

function readyLevel(root: LevelNode, id: string, role: 'source' | 'target'): LevelNode {
  const node = findLevel(root, id);
  if (!node) throw new NestedDockerError(`no ${role} level '${id}'`, 'run `nested-docker ls` to see the level ids', 'no-level');
  if (!node.client || node.info.state !== 'ready') {
    throw new NestedDockerError(
      `the ${role} level ${node.info.id} is ${node.info.state}${node.info.error ? ` (${node.info.error})` : ''}`,
      node.info.state === 'data-only' ? `re-nest it first: nested-docker nest --parent ${node.info.parentId} --id ${node.info.id}` : `start it first: nested-docker start ${node.info.id}`,
      'not-ready',
    );
  }
  return node;
}

async function imageId(client: Dockerode, ref: string, levelId: string): Promise<string> {
  const info = await inspectOrUndefined(client, ref);
  if (!info) {
    throw new NestedDockerError(
      `image '${ref}' is not on ${levelId}`,
      `list the images there with \`nested-docker images ${levelId}\`, or copy from the level that has it (--from)`,
      'no-image',
    );
  }
  return info.Id;
}

async function inspectOrUndefined(client: Dockerode, ref: string): Promise<Dockerode.ImageInspectInfo | undefined> {
  try {
    return await client.getImage(ref).inspect();
  } catch (err) {
    if (statusCode(err) === 404) return undefined;
    throw err;
  }
}

/** `repo[:tag]` → its parts; undefined for an image id. A bare repo means `latest`, as the docker CLI reads it. */
export function splitTag(ref: string): { repo: string; tag: string } | undefined {
  if (/^(sha256:)?[0-9a-f]{12,64}$/.test(ref) || ref.includes('@')) return undefined;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) } : { repo: ref, tag: 'latest' };
}

