// cgroup mounts, hierarchies and v2 delegation inside a level.
import { makeFinding } from '../catalog';
import { classify } from '../classify';
import { cgroupVersion, parseMounts } from '../facts';
import { Check } from './types';

const devicesShared: Check = (facts) =>
  facts.procCgroup ? classify(facts.procCgroup, { source: 'proc-cgroup' }).filter((f) => f.id === 'cgroup-devices-shared') : [];

const cgroupMounts: Check = (facts) => {
  if (facts.procMounts === undefined || facts.depth < 1) {
    return [];
  }
  const cgroups = parseMounts(facts.procMounts).filter((m) => m.fstype === 'cgroup' || m.fstype === 'cgroup2');
  if (cgroups.length === 0) {
    return [makeFinding('cgroup-not-mounted', 'no cgroup or cgroup2 filesystem in /proc/mounts')];
  }
  const readOnly = cgroups.find((m) => m.target.startsWith('/sys/fs/cgroup') && m.options.includes('ro'));
  return readOnly ? [makeFinding('cgroup-readonly', readOnly.raw)] : [];
};

const v2Delegation: Check = (facts) => {
  const v2 = facts.cgroupV2;
  if (!v2 || facts.depth < 1 || cgroupVersion(facts) !== '2') {
    return [];
  }
  const type = v2.type?.trim();
  if (type && type !== 'domain') {
    return [makeFinding('cgroup-v2-nesting', `cgroup.type of the level's root group: ${type}`)];
  }
  const controllers = v2.controllers?.trim() ?? '';
  const delegated = v2.subtreeControl?.trim() ?? '';
  if (controllers !== '' && delegated === '') {
    return [
      makeFinding('cgroup-v2-nesting', `cgroup.controllers "${controllers}" but cgroup.subtree_control is empty`, {
        severity: 'warning',
      }),
    ];
  }
  return [];
};

const cgroupNamespace: Check = (facts) => {
  if (facts.depth < 1 || cgroupVersion(facts) !== '2') {
    return [];
  }
  const line = (facts.procCgroup ?? '').split(/\r?\n/).find((l) => l.startsWith('0::'));
  const path = line?.slice(3).trim();
  // In a private namespace init sits at "/" (or "/init" once the wrapper moved it there).
  if (!path || path === '/' || /^\/init(?:\/|$)/.test(path)) {
    return [];
  }
  return [makeFinding('cgroupns-host', line!.trim())];
};

export const cgroupChecks: Check[] = [cgroupMounts, devicesShared, v2Delegation, cgroupNamespace];
