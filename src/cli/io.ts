export interface CliIO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };
  stdout: (s: string | Buffer) => void;
  stderr: (s: string | Buffer) => void;
  env: NodeJS.ProcessEnv;
  /** Whether stderr (where progress goes) is a terminal: live lines there, sparse lines in logs and pipes. */
  stderrIsTTY?: boolean;
  /** Terminal size of stdout, when it is a terminal. */
  size?: () => { cols: number; rows: number } | undefined;
  onResize?: (cb: () => void) => () => void;
}

export function processIO(): CliIO {
  return {
    stdin: process.stdin,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    env: process.env,
    stderrIsTTY: process.stderr.isTTY === true,
    size: () => (process.stdout.isTTY ? { cols: process.stdout.columns, rows: process.stdout.rows } : undefined),
    onResize: (cb) => {
      process.stdout.on('resize', cb);
      return () => process.stdout.off('resize', cb);
    },
  };
}
