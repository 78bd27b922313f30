import type Dockerode from 'dockerode';

/** How old the host daemon's facts may be (a level's are read again whenever it is reached afresh). */
const DAEMON_INFO_MAX_AGE_MS = 30_000;

/**
 * `docker info` per daemon client, kept for a while. dockerd answers it by running runc, containerd and docker-init
 * for their versions (~20 ms a level on the build machine, most of a tree refresh: bench (f)), and what it reports
 * changes only when the daemon restarts with another configuration. A level's daemon does that only in a new
 * container or after a stop, both of which make a new client; the host's when its owner restarts it, so the host's
 * facts are at most DAEMON_INFO_MAX_AGE_MS old. Counts that change all the time come from the listings instead.
 */
export class DaemonInfoCache {
  private readonly entries = new WeakMap<Dockerode, { at: number; info: Promise<Record<string, unknown>> }>();

  constructor(private readonly maxAgeMs = DAEMON_INFO_MAX_AGE_MS, private readonly clock: () => number = Date.now) {}

  get(client: Dockerode): Promise<Record<string, unknown>> {
    const hit = this.entries.get(client);
    if (hit && this.clock() - hit.at < this.maxAgeMs) return hit.info;
    const info = client.info() as Promise<Record<string, unknown>>;
    this.entries.set(client, { at: this.clock(), info });
    // A failed answer is not kept: the next discovery asks again.
    info.catch(() => {
      if (this.entries.get(client)?.info === info) this.entries.delete(client);
    });
    return info;
  }
}
