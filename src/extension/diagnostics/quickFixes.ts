// What a quick fix changes when it nests again, in the engine's options and in the words its confirmation uses.
import type { NestOptions, NestOptionsPatch } from '../../engine';

export function toNestOptions(patch: NestOptionsPatch): Partial<NestOptions> {
  const daemonArgs = [...(patch.extraDaemonArgs ?? [])];
  return {
    ...(patch.iptablesLegacy ? { iptablesLegacy: true } : {}),
    ...(patch.mode ? { mode: patch.mode } : {}),
    // (Unconfined replaces a profile named in dind.levels.apparmorProfile for this nest.)
    ...(patch.apparmorUnconfined ? { apparmorUnconfined: true, apparmorProfile: undefined } : {}),
    ...(daemonArgs.length ? { daemonArgs } : {}),
  };
}

/** "launch mode capabilities, AppArmor unconfined" — what the confirmation says the fix changes. */
export function describeOptions(patch: NestOptionsPatch): string {
  const parts = [
    patch.mode ? `launch mode ${patch.mode}` : '',
    patch.apparmorUnconfined ? 'AppArmor unconfined' : '',
    patch.iptablesLegacy ? 'legacy iptables' : '',
    patch.freshVolume ? 'a fresh data volume' : '',
    patch.extraDaemonArgs?.length ? `daemon arguments ${patch.extraDaemonArgs.join(' ')}` : '',
  ].filter(Boolean);
  return parts.join(', ') || 'the recommended options';
}
