/** A deadline that stands still while the user is being asked something. */
export class PausableTimer {
  private handle?: NodeJS.Timeout;
  private left: number;
  private since = 0;
  private onFire?: () => void;

  constructor(ms: number) {
    this.left = ms;
  }

  start(onFire: () => void): void {
    this.onFire = onFire;
    this.resume();
  }

  pause(): void {
    if (!this.handle) return;
    clearTimeout(this.handle);
    this.handle = undefined;
    this.left -= Date.now() - this.since;
  }

  resume(): void {
    if (!this.onFire || this.handle) return;
    this.since = Date.now();
    this.handle = setTimeout(this.onFire, Math.max(this.left, 0));
  }

  stop(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    this.onFire = undefined;
  }
}
