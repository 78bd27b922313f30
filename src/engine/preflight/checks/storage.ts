// The level's /var/lib/docker: storage driver, backing filesystem, sharing and space.
import { makeFinding } from '../catalog';
import { Check } from './types';

const UNION_FS = new Set(['overlay', 'overlayfs', 'aufs']);

const unionBacking: Check = (facts) => {
  if (facts.depth < 1) {
    return [];
  }
  const fs = facts.varLibDockerFs?.trim();
  if (fs && UNION_FS.has(fs)) {
    return [makeFinding('overlay-on-overlay', `/var/lib/docker is on ${fs}`)];
  }
  const backing = facts.info?.DriverStatus?.find(([k]) => k === 'Backing Filesystem')?.[1];
  return backing && UNION_FS.has(backing) ? [makeFinding('overlay-on-overlay', `Backing Filesystem: ${backing}`)] : [];
};

const storageDriver: Check = (facts) => {
  const driver = facts.info?.Driver;
  if (driver === 'vfs') {
    return [makeFinding('vfs-fallback', 'Storage Driver: vfs')];
  }
  // Device-mapper pools are not namespaced: every daemon on the machine sees every pool.
  if (driver === 'devicemapper' && facts.depth >= 1) {
    return [
      makeFinding('storage-driver-unsupported', 'Storage Driver: devicemapper', {
        severity: 'warning',
        title: 'devicemapper is not namespaced: nested daemons see each other\'s devices',
      }),
    ];
  }
  return [];
};

const sharedDataRoot: Check = (facts) => {
  const users = facts.varLibDockerUsers ?? 0;
  if (users > 1) {
    return [makeFinding('var-lib-docker-shared', `${facts.varLibDockerSource ?? '/var/lib/docker'} is mounted by ${users} containers`)];
  }
  // The parent's own data root bound into the level: two daemons, one store.
  if (facts.depth >= 1 && facts.varLibDockerSource && /^\/var\/lib\/docker\/?$/.test(facts.varLibDockerSource)) {
    return [makeFinding('var-lib-docker-shared', `/var/lib/docker is bound from the parent's ${facts.varLibDockerSource}`)];
  }
  return [];
};

const GIB = 1024 ** 3;

const diskSpace: Check = (facts) => {
  const free = facts.diskFreeBytes;
  if (free === undefined) {
    return [];
  }
  const evidence = `${(free / GIB).toFixed(1)} GiB free under /var/lib/docker`;
  if (free === 0) {
    return [makeFinding('disk-space', evidence)];
  }
  const total = facts.diskTotalBytes;
  const low = free < GIB || (total !== undefined && total > 0 && free / total < 0.05);
  return low ? [makeFinding('disk-space', evidence, { severity: 'warning', title: 'Little space left for the level\'s data' })] : [];
};

export const storageChecks: Check[] = [unionBacking, storageDriver, sharedDataRoot, diskSpace];
