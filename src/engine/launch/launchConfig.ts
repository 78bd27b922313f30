import type Dockerode from 'dockerode';
import { maskHex } from '../core/capabilities';
import { UsedMode } from '../core/types';
import { IN_LEVEL_ENTRYPOINT, IN_LEVEL_RELAY_DIR, Labels } from '../levels/labels';
import { capsToMask, supportsCgroupns, SYSBOX_RUNTIME, sysboxViolations } from './launchPolicy';

interface LaunchInputs {
  mode: UsedMode;
  /** Capability names for the capabilities mode. */
  caps?: string[];
  apparmorUnconfined?: boolean;
  /** A named AppArmor profile, applied in every mode (Docker honours an explicit profile even with --privileged). */
  apparmorProfile?: string;
  volume: string;
  /** Source (on the parent daemon's filesystem) of the relay folder to mount into the level. */
  relaySource?: string;
  relayTarget: string;
  /** Give the level its own cgroup namespace, so everything it starts nests under its cgroup and goes with it. */
  privateCgroupns?: boolean;
}

/** HostConfig of a level container for one security mode (see docs/architecture.md, "security modes"). */
export function hostConfigFor(input: LaunchInputs): Dockerode.HostConfig {
  const mounts: Dockerode.MountSettings[] = [{ Type: 'volume', Source: input.volume, Target: '/var/lib/docker' }];
  if (input.relaySource) mounts.push({ Type: 'bind', Source: input.relaySource, Target: input.relayTarget });
  const base: Dockerode.HostConfig = { Init: true, Mounts: mounts };
  // A parent daemon with userns-remap refuses a privileged container in its remapped namespace ("privileged mode is
  // incompatible with user namespaces") and grants capabilities only inside it: privileged and capabilities levels run
  // in the host's user namespace (a no-op on a daemon without remapping). Sysbox brings its own user namespace.
  const hostUserns = { UsernsMode: 'host' };
  if (input.privateCgroupns) (base as { CgroupnsMode?: string }).CgroupnsMode = 'private';
  const apparmor = input.apparmorProfile ? [`apparmor=${input.apparmorProfile}`] : input.apparmorUnconfined ? ['apparmor=unconfined'] : [];
  switch (input.mode) {
    case 'privileged':
      return { ...base, ...hostUserns, Privileged: true, SecurityOpt: apparmor };
    case 'sysbox': {
      const hc: Dockerode.HostConfig = { ...base, Runtime: SYSBOX_RUNTIME, SecurityOpt: apparmor };
      const wrong = sysboxViolations(hc);
      if (wrong.length) throw new Error(`a sysbox level must not run with ${wrong.join(', ')}`);
      return hc;
    }
    case 'capabilities':
      return {
        ...base,
        ...hostUserns,
        CapAdd: input.caps ?? [],
        SecurityOpt: ['seccomp=unconfined', input.apparmorProfile ? `apparmor=${input.apparmorProfile}` : 'apparmor=unconfined', 'label=disable'],
        // The API's spelling of `--security-opt systempaths=unconfined`: nothing masked, nothing read-only in /proc.
        MaskedPaths: [],
        ReadonlyPaths: [],
        DeviceCgroupRules: ['a *:* rwm'],
      } as Dockerode.HostConfig;
    case 'dood':
      throw new Error('a DooD level has no daemon: launch/dood.ts makes its container');
  }
}

/** Everything the create call of a level container needs; pure, so it is unit-tested as data. */
export interface LevelContainerInputs {
  id: string;
  name: string;
  image: string;
  depth: number;
  parentId: string;
  parentVersion?: string;
  /** The parent's capability bounding set, recorded on the level when it runs privileged or under sysbox. */
  parentCapsMask?: bigint;
  mode: UsedMode;
  caps?: string[];
  volume: string;
  /** This nest's token (Labels.nest), shared with the data volume when the nest made it. */
  nestToken?: string;
  /** The relay folder on the host, when the level gets a relay socket. */
  relayDir?: string;
  socketName?: string;
  /** Group id given to the relay socket (the user's, so a colliding inner docker gid grants nothing). */
  socketGroup?: number;
  /** The entrypoint wrapper's text (resources/entrypoint.sh). */
  entrypoint: string;
  daemonArgs?: string[];
  logToFile?: boolean;
  skipCgroupSetup?: boolean;
  iptablesLegacy?: boolean;
  apparmorUnconfined?: boolean;
  apparmorProfile?: string;
}

export function levelContainerOptions(i: LevelContainerInputs): Dockerode.ContainerCreateOptions {
  // The parent daemon resolves the bind source in its own filesystem: the host folder at depth 1, then the
  // same folder as mounted inside the parent level.
  const relaySource = i.relayDir ? (i.depth === 1 ? i.relayDir : IN_LEVEL_RELAY_DIR) : undefined;
  const grantedMask = i.mode === 'capabilities' && i.caps ? capsToMask(i.caps) : i.parentCapsMask;
  const log = i.logToFile ? 'file' : 'stdout';
  const labels: Record<string, string> = {
    [Labels.managed]: 'true',
    [Labels.level]: i.id,
    [Labels.depth]: String(i.depth),
    [Labels.parent]: i.parentId,
    [Labels.mode]: i.mode,
    [Labels.image]: i.image,
    [Labels.volume]: i.volume,
    [Labels.log]: log,
  };
  if (grantedMask !== undefined) labels[Labels.caps] = maskHex(grantedMask);
  if (i.socketName) labels[Labels.relaySocket] = i.socketName;
  if (i.nestToken) labels[Labels.nest] = i.nestToken;
  const env = [`NESTED_DOCKER_LEVEL=${i.id}`, `NESTED_DOCKER_LOG=${log}`];
  if (i.socketName) {
    env.push(`NESTED_DOCKER_RELAY_SOCKET=${IN_LEVEL_RELAY_DIR}/${i.socketName}`);
    if (i.socketGroup !== undefined) env.push(`NESTED_DOCKER_SOCKET_GROUP=${i.socketGroup}`);
  }
  if (i.skipCgroupSetup) env.push('NESTED_DOCKER_SKIP_CGROUP=1');
  if (i.iptablesLegacy) env.push('NESTED_DOCKER_IPTABLES=legacy');
  return {
    name: i.name,
    Image: i.image,
    Hostname: `l${i.depth}-${i.id}`.slice(0, 63),
    // The wrapper travels as the shell's argument: no extra upload round trip, and it survives `docker restart`.
    Entrypoint: ['/bin/sh', '-c', i.entrypoint, IN_LEVEL_ENTRYPOINT],
    Cmd: i.daemonArgs ?? [],
    Env: env,
    Labels: labels,
    Tty: false,
    HostConfig: hostConfigFor({
      mode: i.mode,
      caps: i.caps,
      apparmorUnconfined: i.apparmorUnconfined,
      apparmorProfile: i.apparmorProfile,
      volume: i.volume,
      relaySource,
      relayTarget: IN_LEVEL_RELAY_DIR,
      privateCgroupns: supportsCgroupns(i.parentVersion),
    }),
  };
}
