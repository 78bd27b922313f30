import { Transform, TransformCallback } from 'stream';

/**
 * Docker multiplexes stdout and stderr of a non-TTY container or exec into frames:
 * 1 byte stream id (1 stdout, 2 stderr), 3 zero bytes, 4 bytes big-endian length, then the payload.
 */
export function demuxBuffer(buf: Buffer): { stdout: Buffer; stderr: Buffer; combined: Buffer } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const all: Buffer[] = [];
  let offset = 0;
  if (!looksFramed(buf)) return { stdout: buf, stderr: Buffer.alloc(0), combined: buf };
  while (offset + 8 <= buf.length) {
    const kind = buf[offset];
    const size = buf.readUInt32BE(offset + 4);
    const payload = buf.subarray(offset + 8, offset + 8 + size);
    (kind === 2 ? err : out).push(payload);
    all.push(payload);
    offset += 8 + size;
  }
  return { stdout: Buffer.concat(out), stderr: Buffer.concat(err), combined: Buffer.concat(all) };
}

function looksFramed(buf: Buffer): boolean {
  return buf.length >= 8 && buf[0] <= 2 && buf[1] === 0 && buf[2] === 0 && buf[3] === 0;
}

/** Incremental frame parser: feed it chunks as they come, it calls back once per complete frame. */
export class FrameParser {
  private pending: Buffer = Buffer.alloc(0);

  feed(chunk: Buffer, onFrame: (kind: number, payload: Buffer) => void): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const kind = this.pending[0];
      const payload = this.pending.subarray(8, 8 + size);
      this.pending = this.pending.subarray(8 + size);
      onFrame(kind, payload);
    }
  }
}

/** Streaming demultiplexer: emits payloads in order, tagging nothing (logs want stdout and stderr interleaved). */
export class FrameDecoder extends Transform {
  private readonly parser = new FrameParser();
  constructor(private readonly onFrame?: (kind: number, payload: Buffer) => void) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.parser.feed(chunk, (kind, payload) => {
      this.onFrame?.(kind, payload);
      this.push(payload);
    });
    cb();
  }
}

/** Splits a byte stream into complete UTF-8 lines (a multi-byte character split across chunks stays whole). */
export class LineSplitter extends Transform {
  private rest = '';
  private readonly decoder = new TextDecoder('utf-8');
  constructor() {
    super({ readableObjectMode: true });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    const text = this.rest + this.decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) this.push(line.replace(/\r$/, ''));
    cb();
  }
  override _flush(cb: TransformCallback): void {
    const tail = this.rest + this.decoder.decode();
    if (tail) this.push(tail);
    cb();
  }
}

/** Calls `onValue` with each JSON value of a newline-delimited JSON stream (Docker's progress and stats streams); lines that are not JSON are skipped. */
export function onJsonLines(stream: NodeJS.ReadableStream, onValue: (value: unknown) => void): void {
  let buffered = '';
  stream.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!line) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        continue;
      }
      onValue(value);
    }
  });
}
