/**
 * Tickets for overlapping work of which only the last started counts. Two event-driven tree refreshes can run at
 * once (a burst's debounce fires while the previous discovery is still out); the older one can finish first with
 * rows that miss the newest container, and must neither draw them nor make the newer one's answer look stale.
 */
export class LatestOnly {
  private started = 0;

  /** Starts a piece of work; the returned check tells, once it is done, whether nothing newer started meanwhile. */
  begin(): () => boolean {
    const ticket = ++this.started;
    return () => ticket === this.started;
  }
}
