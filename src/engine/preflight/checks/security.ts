// Privileges, capabilities and LSMs of a level.
import { makeFinding } from '../catalog';
import { CAP_SYS_ADMIN, expectedLastCap, hasCap, LevelFacts, missingCaps, parseCapMask, requestableLastCap } from '../facts';
import { Check } from './types';

const notPrivileged: Check = (facts) => {
  const eff = parseCapMask(facts.capEff);
  // Sysbox grants CAP_SYS_ADMIN inside its user namespace, so the bit is meaningful in every mode.
  if (facts.depth < 1 || eff === undefined || hasCap(eff, CAP_SYS_ADMIN)) {
    return [];
  }
  return [makeFinding('not-privileged', `CapEff: ${facts.capEff} (no CAP_SYS_ADMIN)`)];
};

const capsUnavailable: Check = (facts) => {
  const bnd = parseCapMask(facts.capBnd);
  if (bnd === undefined || !hasCap(bnd, CAP_SYS_ADMIN)) {
    return []; // an unprivileged level is reported by notPrivileged
  }
  // What matters is what `docker run --privileged` inside this level asks for: its own daemon's list, not the kernel's.
  const last = requestableLastCap(facts.capLastCap ?? expectedLastCap(facts.info?.KernelVersion), facts.info?.ServerVersion);
  const missing = missingCaps(bnd, last);
  if (missing.length === 0) {
    return [];
  }
  // A capabilities-mode level was given exactly its parent's set on purpose, and its own children are nested in
  // that mode too: the gap is a known limit there, so it is info.
  const inherited = facts.depth >= 1 && facts.mode === 'capabilities';
  // On the host the gap is a fact of the machine that the product already works around (auto mode launches levels
  // with exactly these capabilities): worth knowing, not a problem of a healthy tower. A warning is kept for a
  // level launched privileged whose set still came out incomplete, which nothing expected.
  const onHost = facts.depth < 1;
  return [
    makeFinding('caps-unavailable', `CapBnd: ${facts.capBnd} lacks capabilities ${missing.join(', ')} of 0..${last}`, {
      severity: inherited || onHost ? 'info' : 'warning',
      ...(onHost
        ? {
            hint: '`docker run --privileged` fails on this host (its runtime cannot grant every capability). Nested Docker\'s auto mode launches levels in capabilities mode instead, with exactly the capabilities the host has.',
            fix: null,
          }
        : {}),
      title: 'Privileged containers inside this level will fail: its capability set is incomplete',
      ...(inherited
        ? {
            hint: 'This level runs in capabilities mode with its parent\'s capabilities, so `docker run --privileged` inside it fails; levels nested in it use capabilities mode too (auto mode does this). Give containers in it explicit --cap-add instead of --privileged.',
            fix: null,
          }
        : {}),
    }),
  ];
};

function canEscalate(facts: LevelFacts): boolean {
  if (facts.mode === 'privileged') {
    return true;
  }
  const bnd = parseCapMask(facts.capBnd);
  // Capabilities mode with CAP_SYS_ADMIN can mount, load BPF, reach devices: as strong as privileged.
  return facts.mode === 'capabilities' && (bnd === undefined || hasCap(bnd, CAP_SYS_ADMIN));
}

const privilegedSecurity: Check = (facts) => {
  if (facts.depth < 1 || !canEscalate(facts)) {
    return [];
  }
  const how = facts.mode === 'privileged' ? 'runs privileged' : 'runs in capabilities mode with CAP_SYS_ADMIN';
  return [
    makeFinding('privileged-security', `level at depth ${facts.depth} ${how}`, {
      title: `This level (${facts.mode} mode) can escalate to its host`,
    }),
  ];
};

const apparmorConfined: Check = (facts) => {
  const profile = facts.apparmorProfile?.trim();
  if (facts.depth < 1 || !facts.apparmorEnabled || !profile || /^unconfined\b/.test(profile) || facts.mode === 'sysbox') {
    return [];
  }
  return [
    makeFinding('apparmor-denied', `AppArmor profile of the level: ${profile}`, {
      severity: 'warning',
      title: 'AppArmor confines this level; its daemon\'s mounts are likely to be denied',
    }),
  ];
};

const selinuxEnforcing: Check = (facts) => {
  if (facts.depth < 1 || !facts.selinuxEnforcing || facts.mode !== 'capabilities') {
    return [];
  }
  return [
    makeFinding('selinux-denied', 'SELinux is enforcing and the level is not privileged (container_t)', {
      severity: 'warning',
      title: 'SELinux is enforcing on a level without a privileged label',
    }),
  ];
};

export const securityChecks: Check[] = [notPrivileged, capsUnavailable, apparmorConfined, selinuxEnforcing, privilegedSecurity];

