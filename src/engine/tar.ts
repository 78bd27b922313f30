/** A minimal ustar writer: enough to put the entrypoint wrapper into a container before it starts. */
export interface TarEntry {
  path: string;
  content?: Buffer;
  mode: number;
  type: 'file' | 'dir';
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(entry: TarEntry): Buffer {
  const buf = Buffer.alloc(512, 0);
  const name = entry.type === 'dir' && !entry.path.endsWith('/') ? `${entry.path}/` : entry.path;
  if (Buffer.byteLength(name) > 100) throw new Error(`tar path too long: ${name}`);
  buf.write(name, 0, 100, 'utf8');
  buf.write(octal(entry.mode, 8), 100, 8, 'ascii');
  buf.write(octal(0, 8), 108, 8, 'ascii');
  buf.write(octal(0, 8), 116, 8, 'ascii');
  buf.write(octal(entry.content?.length ?? 0, 12), 124, 12, 'ascii');
  buf.write(octal(Math.floor(Date.now() / 1000), 12), 136, 12, 'ascii');
  buf.write('        ', 148, 8, 'ascii');
  buf.write(entry.type === 'dir' ? '5' : '0', 156, 1, 'ascii');
  buf.write('ustar\0', 257, 6, 'ascii');
  buf.write('00', 263, 2, 'ascii');
  let sum = 0;
  for (const byte of buf) sum += byte;
  buf.write(octal(sum, 7) + ' ', 148, 8, 'ascii');
  return buf;
}

export function makeTar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(header(entry));
    if (entry.type === 'file' && entry.content) {
      parts.push(entry.content);
      const pad = (512 - (entry.content.length % 512)) % 512;
      if (pad) parts.push(Buffer.alloc(pad, 0));
    }
  }
  parts.push(Buffer.alloc(1024, 0));
  return Buffer.concat(parts);
}
