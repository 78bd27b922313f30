/** An error a user can act on: what went wrong, and what to do about it. */
export class NestedDockerError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly code: string = 'nested-docker',
    /** Tail of the level's daemon log, when a daemon was involved. */
    readonly logTail?: string,
  ) {
    super(message);
    this.name = 'NestedDockerError';
  }

  /** Diagnosis of the failure (the preflight classifier over the error, the daemon log and the kernel log). */
  findings?: import('./finding').Finding[];

  override toString(): string {
    return this.hint ? `${this.message}\n  fix: ${this.hint}` : this.message;
  }
}

export class AbortError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'AbortError';
  }
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || (err as { code?: string }).code === 'ABORT_ERR');
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AbortError();
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    // docker-modem errors carry the daemon's message in json.message; prefer it over the HTTP prefix.
    const json = (err as { json?: { message?: string } }).json;
    if (json && typeof json === 'object' && typeof json.message === 'string') return json.message;
    return err.message;
  }
  return String(err);
}

export function statusCode(err: unknown): number | undefined {
  return (err as { statusCode?: number } | undefined)?.statusCode;
}

/** A value quoted in an error with control characters made visible (a terminal must not interpret them). */
export function printable(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this makes visible
  return shown.replace(/[\0-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
