// `docker inspect`'s Mounts of one container read as a whole: a bind whose source lies under a folder the same container
// has a volume at. The source is a host path, yet it names a place that exists inside a container (a dev container that
// cloned its repository into a volume, then ran compose with a relative bind): the daemon resolved it on its own host.
import { TextHit, TextRule } from './types';

// One mount object of the listing, pretty-printed or on one line (`{{json .Mounts}}`).
const MOUNT_OBJECT = /\{[^{}]*?"Type":\s*"(bind|volume)"[^{}]*\}/g;
const field = (object: string, name: string) => new RegExp(`"${name}":\\s*"([^"]*)"`).exec(object)?.[1];

function bindSourceInsideVolume(lines: readonly string[]): TextHit[] {
  const text = lines.join('\n');
  const mounts = [...text.matchAll(MOUNT_OBJECT)].map((m) => ({
    type: m[1],
    source: field(m[0], 'Source'),
    destination: field(m[0], 'Destination'),
    at: m.index ?? 0,
  }));
  for (const bind of mounts.filter((m) => m.type === 'bind' && m.source?.startsWith('/'))) {
    const inside = mounts.some((v) => v.type === 'volume' && v.destination && v.destination !== '/' && bind.source!.startsWith(`${v.destination}/`));
    if (inside) return [{ index: text.slice(0, bind.at).split('\n').length - 1, severity: 'info' }];
  }
  return [];
}

export const inspectMountRules: TextRule[] = [{ id: 'dood-volume-path', scan: (lines) => bindSourceInsideVolume(lines) }];
