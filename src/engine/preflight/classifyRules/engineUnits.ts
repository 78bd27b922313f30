// The engine's units as `systemctl status` draws them: down (a hint of an unreachable daemon), and the rootless engine's
// user unit restarting or failed (a hint of a missing rootless prerequisite), or no engine unit at all.
import { LineRule, TextHit, TextRule } from './types';

// `systemctl status` of the engine's units: "● docker.service - …" and, a few lines down, "Active: inactive (dead)" or
// "Active: failed (Result: …)". Down only when none of them says "Active: active": a socket unit waits for its service.
// One run of blanks, the bullet inside an optional group: `\s*[●]?\s*` splits a blank line's run two ways (quadratic).
const ENGINE_UNIT = /^\s*(?:[●○×*]\s*)?((?:docker|podman|containerd)\.(?:service|socket))\b/;
const UNIT_ACTIVE = /^\s*Active: (\w+)/;

function engineUnitsDown(lines: readonly string[]): TextHit[] {
  let down = -1;
  for (let i = 0; i < lines.length; i++) {
    if (!ENGINE_UNIT.test(lines[i])) continue;
    for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) {
      const state = UNIT_ACTIVE.exec(lines[j]);
      if (!state) continue;
      if (state[1] === 'active' || state[1] === 'activating' || state[1] === 'reloading') return [];
      if (down < 0 && (state[1] === 'inactive' || state[1] === 'failed')) down = j;
      break;
    }
  }
  // A hint: the unit's own log, when shown, names why it is down.
  return down >= 0 ? [{ index: down, severity: 'info' }] : [];
}

// The rootless engine's user unit (contrib/dockerd-rootless-setuptool.sh writes "Description=Docker Application Container
// Engine (Rootless)") restarting or failed, as its `systemctl --user status` shows: a hint of a missing prerequisite
// (slirp4netns or vpnkit, the user's D-Bus session, subordinate ids), the unit's journal names which. Its Active line
// comes after Loaded and any Drop-In lines, before the next unit's header.
const ROOTLESS_UNIT = /^\s*(?:[●○×*]\s*)?docker\.service - Docker Application Container Engine \(Rootless\)/;
const UNIT_DOWN = /^\s*Active: (?:activating \(auto-restart\)|failed\b)/;

function rootlessUnitDown(lines: readonly string[]): TextHit[] {
  for (let i = 0; i < lines.length; i++) {
    if (!ROOTLESS_UNIT.test(lines[i])) continue;
    for (let j = i + 1; j < Math.min(lines.length, i + 16) && !ENGINE_UNIT.test(lines[j]); j++) {
      if (!UNIT_ACTIVE.test(lines[j])) continue;
      if (UNIT_DOWN.test(lines[j])) return [{ index: j, severity: 'info' }];
      break;
    }
  }
  return [];
}

export const engineUnitRules: TextRule[] = [
  { id: 'daemon-unreachable', scan: (lines) => engineUnitsDown(lines) },
  { id: 'rootless-prerequisites', scan: (lines) => rootlessUnitDown(lines) },
];

export const engineUnitLineRules: LineRule[] = [
  // systemctl asked for an engine unit the machine does not have ("Failed to start docker.service: Unit docker.service
  // not found.", systemd 219's "… docker.service: Unit not found.", "Unit docker.service could not be found.", enable's
  // "Unit file docker.service does not exist."; LibreELEC's add-on names its unit service.system.docker): the engine is
  // not installed, or its package moved the unit, so no daemon runs. A hint: an installer probes the same.
  {
    id: 'daemon-unreachable',
    pattern: /\bUnit (?:\S+\.)?docker\.service (?:not found|could not be found)|\bFailed to \w+ (?:\S+\.)?docker\.service: Unit not found\b|\bUnit file (?:\S+\.)?docker\.service does not exist\b/,
    severity: 'info',
  },
];
