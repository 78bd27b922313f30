// cgroup v1/v2 set-up inside a level.
import { LineRule, TextRule } from './types';

export const cgroupRules: LineRule[] = [
  { id: 'cgroup-devices-shared', pattern: /['"]?devices['"]? cgroup should be in its own hierarchy/i },
  { id: 'cgroup-not-mounted', pattern: /devices cgroup isn'?t mounted/i },
  { id: 'cgroup-not-mounted', pattern: /['"]devices['"] cgroup is not mounted/i },
  { id: 'cgroup-not-mounted', pattern: /mountpoint for \w+ not found/i, severity: (l) => (/devices/.test(l) ? 'error' : 'info') },
  // 17.12-18.0x said "cannot found", later "cannot find".
  { id: 'cgroup-not-mounted', pattern: /cgroups?: cannot f(?:i|ou)nd cgroup mount destination/i },
  { id: 'cgroup-not-mounted', pattern: /failed to find the cgroup root/i },
  { id: 'cgroup-not-mounted', pattern: /mount point \/sys\/fs\/cgroup does not exist|cannot create directory '\/sys\/fs\/cgroup'/i },
  // Printed by daemons that run with some controllers missing; limits degrade, nothing fails yet.
  { id: 'cgroup-not-mounted', pattern: /Unable to find \w+ cgroup in mounts/i, severity: 'info' },
  { id: 'cgroup-readonly', pattern: /\/sys\/fs\/cgroup[^\s:]*:?\s*read-only file system/i },
  { id: 'cgroup-readonly', pattern: /cgroups? path: mkdir [^:]+: read-only file system/i },
  { id: 'cgroup-readonly', pattern: /\/sys\/fs\/cgroup\S*:\s*(?:operation not permitted|permission denied)/i },
  { id: 'cgroup-readonly', pattern: /(?:block device cgroup is write-protected|cannot mount block device cgroup read-only)/i },
  { id: 'cgroup-v2-nesting', pattern: /cannot enter cgroupv2 .* with domain controllers/i },
  { id: 'cgroup-v2-nesting', pattern: /cgroup\.subtree_control\S*:? (?:device or resource busy|operation not supported)/i },
  // busybox sed of docker:dind's entrypoint writing +controllers to cgroup.subtree_control
  // (docker-library/docker#308, #495): the only "sed: write error" a dind start prints.
  { id: 'cgroup-v2-nesting', pattern: /\bsed: write error\b/i, severity: 'warning' },
];

/** A /proc/<pid>/cgroup v1 line whose controller list holds devices plus another controller. */
const DEVICES_SHARED = /^\s*\d+:([a-z_,=]+)(?::|$)/;

export const cgroupTextRules: TextRule[] = [
  {
    id: 'cgroup-devices-shared',
    sources: ['proc-cgroup', 'auto'],
    scan(lines) {
      const hits = [];
      for (let i = 0; i < lines.length; i++) {
        const m = DEVICES_SHARED.exec(lines[i]);
        if (m && m[1].split(',').length > 1 && m[1].split(',').includes('devices')) {
          hits.push({ index: i });
        }
      }
      return hits;
    },
  },
];
