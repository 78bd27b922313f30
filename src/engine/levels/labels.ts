/** Labels the product puts on what it creates; discovery and cleanup key on them, so a user's own objects are never touched. */
const LABEL_PREFIX = 'nested-docker';
export const Labels = {
  managed: `${LABEL_PREFIX}.managed`,
  level: `${LABEL_PREFIX}.level`,
  depth: `${LABEL_PREFIX}.depth`,
  parent: `${LABEL_PREFIX}.parent`,
  mode: `${LABEL_PREFIX}.mode`,
  /** Capability bounding set granted to the level (hex), so the next level knows what it can ask for. */
  caps: `${LABEL_PREFIX}.caps`,
  /** File name of the level's relay socket inside the relay folder. */
  relaySocket: `${LABEL_PREFIX}.relay-socket`,
  image: `${LABEL_PREFIX}.image`,
  volume: `${LABEL_PREFIX}.volume`,
  /** 'file' when the daemon logs to /var/log/dockerd.log inside the level, else 'stdout'. */
  log: `${LABEL_PREFIX}.log`,
  /** `ADDRESS:PORT` where the parent publishes the level's TLS daemon port (only on a level exposed on request). */
  exposed: `${LABEL_PREFIX}.exposed`,
  /** On a DooD level: the id of the level whose daemon socket it mounts (it has no daemon of its own). */
  doodOf: `${LABEL_PREFIX}.dood-of`,
  /**
   * A token one nest puts on its container and on the data volume it made: a container never started whose volume
   * carries its token was cut off mid-nest, and that volume holds nothing (a reused volume keeps its old token).
   */
  nest: `${LABEL_PREFIX}.nest`,
} as const;

export const HOST_LEVEL_ID = 'host';
export const IN_LEVEL_RELAY_DIR = '/nested-docker/relay';
export const IN_LEVEL_ENTRYPOINT = '/nested-docker/entrypoint.sh';
export const DEFAULT_IMAGE = 'nested-docker/dind:local';
export const FALLBACK_IMAGE = 'docker:dind';

export function containerNameFor(levelId: string): string {
  return `nested-docker-${levelId}`;
}

export function volumeNameFor(levelId: string): string {
  return `nested-docker-${levelId}-data`;
}

export function levelFilter(): { label: string[] } {
  return { label: [Labels.level] };
}
