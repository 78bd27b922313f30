import type Dockerode from 'dockerode';
import { UsedMode } from '../core/types';

export interface LaunchInputs {
  mode: UsedMode;
  /** Capability names for the capabilities mode. */
  caps?: string[];
  apparmorUnconfined?: boolean;
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
  if (input.privateCgroupns) (base as { CgroupnsMode?: string }).CgroupnsMode = 'private';
  const apparmor = input.apparmorUnconfined ? ['apparmor=unconfined'] : [];
  switch (input.mode) {
    case 'privileged':
      return { ...base, Privileged: true, SecurityOpt: apparmor };
    case 'sysbox':
      return { ...base, Runtime: 'sysbox-runc', SecurityOpt: apparmor };
    case 'capabilities':
      return {
        ...base,
        CapAdd: input.caps ?? [],
        SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined', 'label=disable'],
        // The API's spelling of `--security-opt systempaths=unconfined`: nothing masked, nothing read-only in /proc.
        MaskedPaths: [],
        ReadonlyPaths: [],
        DeviceCgroupRules: ['a *:* rwm'],
      } as Dockerode.HostConfig;
  }
}

/** The runtime's refusal when the daemon's own bounding set lacks a capability that --privileged asks for. */
export function isCapsError(message: string): boolean {
  return /unable to apply caps|apply caps:.*not permitted|capset:? operation not permitted/i.test(message);
}

export function unknownCapability(message: string): string | undefined {
  return /unknown capability:?\s*"?(?:CAP_)?([A-Z_]+)/i.exec(message)?.[1]?.toUpperCase();
}
