// `docker inspect`'s Mounts of one container read as a whole: a bind whose source lies under a folder the same container
// has a volume at. The source is a host path, yet it names a place that exists inside a container (a dev container that
// cloned its repository into a volume, then ran compose with a relative bind): the daemon resolved it on its own host.
import { TextHit, TextRule } from './types';

// One container's Mounts: the inspect key's array (to the paste's end where it was cut there), or `{{json .Mounts}}`
// printed alone. Mount objects hold no brackets.
const MOUNTS_ARRAY = /"Mounts":\s*\[([^[\]]*)(?:\]|(?![\s\S]))|^\s*(\[\s*\{"Type":[^[\]]*\])\s*$/gm;
const MOUNT_OBJECT = /\{[^{}]*?"Type":\s*"(bind|volume)"[^{}]*\}/g;
const field = (object: string, name: string) => new RegExp(`"${name}":\\s*"([^"]*)"`).exec(object)?.[1];
// Folders an image declares a volume at that also hold host paths people bind (the X11 socket under /tmp, a home).
const SHARED_FOLDERS = new Set(['/tmp', '/var/tmp', '/run', '/var/run', '/dev', '/dev/shm', '/home', '/mnt', '/media']);

function bindSourceInsideVolume(lines: readonly string[]): TextHit[] {
  const text = lines.join('\n');
  for (const array of text.matchAll(MOUNTS_ARRAY)) {
    const body = array[1] ?? array[2];
    const start = (array.index ?? 0) + array[0].indexOf(body);
    const mounts = [...body.matchAll(MOUNT_OBJECT)].map((m) => ({ type: m[1], source: field(m[0], 'Source'), destination: field(m[0], 'Destination'), at: start + (m.index ?? 0) }));
    const volumes = mounts.filter((v) => v.type === 'volume' && v.destination && v.destination !== '/' && !SHARED_FOLDERS.has(v.destination));
    const bind = mounts.find((b) => b.type === 'bind' && volumes.some((v) => b.source?.startsWith(`${v.destination}/`)));
    if (bind) return [{ index: text.slice(0, bind.at).split('\n').length - 1, severity: 'info' }];
  }
  return [];
}

export const inspectMountRules: TextRule[] = [{ id: 'dood-volume-path', scan: (lines) => bindSourceInsideVolume(lines) }];
