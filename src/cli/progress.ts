
/**
 * Long work printed the way the terminal wants it: on a TTY one live line that is rewritten in place; in a log or a
 * pipe, a line per step and a byte-progress line only every ~10 % (and at most every few seconds when no total is
 * known), so one seeded image costs about a dozen lines instead of hundreds; nothing at all with --quiet.
 */
/** What the engine's progress callbacks report (a nest's steps, a collapse's messages). */
export interface ProgressEvent {
  step: string;
  message: string;
  bytes?: number;
  totalBytes?: number;
}

export interface ProgressPrinterOptions {
  tty: boolean;
  quiet: boolean;
  write: (s: string) => void;
  /** Milliseconds clock, for tests. */
  now?: () => number;
}

/** A byte-progress line every this many percent when not on a TTY. */
const PERCENT_STEP = 10;
/** Without a known total, a non-TTY line at most this often. */
const UNKNOWN_TOTAL_INTERVAL_MS = 5_000;
/** A TTY line is rewritten at most this often (a redraw per chunk would cost more than the copy). */
const TTY_INTERVAL_MS = 100;

export interface ProgressPrinter {
  (p: ProgressEvent): void;
  /** Ends a live TTY line so what follows starts on a fresh line. */
  done(): void;
}

function bucketOf(p: ProgressEvent): number {
  if (p.bytes === undefined || !p.totalBytes) return -1;
  return Math.floor((100 * Math.min(p.bytes, p.totalBytes)) / p.totalBytes / PERCENT_STEP);
}

export function progressPrinter(opts: ProgressPrinterOptions): ProgressPrinter {
  const now = opts.now ?? Date.now;
  let lastStep: string | undefined;
  let lastPrint = 0;
  let lastBucket = -1;
  let liveLine = false;

  const print = (p: ProgressEvent): void => {
    if (opts.quiet) return;
    const stepChanged = p.step !== lastStep;
    const t = now();
    if (stepChanged) {
      lastStep = p.step;
      lastBucket = p.bytes !== undefined ? Math.max(0, bucketOf(p)) : -1; // a step's first line counts as its 0 %
    }
    if (opts.tty) {
      const complete = p.totalBytes !== undefined && p.bytes !== undefined && p.bytes >= p.totalBytes;
      if (!stepChanged && !complete && p.bytes !== undefined && t - lastPrint < TTY_INTERVAL_MS) return;
      // A new step keeps the finished one on screen; updates of the same step overwrite the line.
      const prefix = liveLine ? (stepChanged ? '\n' : '\r\x1b[K') : '';
      opts.write(`${prefix}${p.message}`);
      liveLine = true;
      lastPrint = t;
      return;
    }
    if (!stepChanged && p.bytes !== undefined) {
      if (p.totalBytes) {
        const bucket = bucketOf(p);
        // The step that follows says "done"; a 100 % line would only repeat it.
        if (bucket <= lastBucket || bucket * PERCENT_STEP >= 100) return;
        lastBucket = bucket;
      } else if (t - lastPrint < UNKNOWN_TOTAL_INTERVAL_MS) {
        return;
      }
    }
    opts.write(`${p.message}\n`);
    lastPrint = t;
  };

  return Object.assign(print, {
    done(): void {
      if (liveLine) opts.write('\n');
      liveLine = false;
    },
  });
}
