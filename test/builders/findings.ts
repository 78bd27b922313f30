// Builders for findings and hosts, the other data the UI shows.
import type { Finding } from '../../src/engine/core/finding';
import type { HostEntry } from '../../src/engine/hosts/hostList';

export function finding(over: Partial<Finding> = {}): Finding {
  return {
    id: 'caps-unavailable', severity: 'error', title: 'The daemon cannot grant every capability',
    evidence: 'unable to apply caps: operation not permitted', hint: 'nest in capabilities mode', ...over,
  };
}

export function hostEntry(over: Partial<HostEntry> = {}): HostEntry {
  return { name: 'local', url: 'unix:///var/run/docker.sock', kind: 'unix', source: 'default', current: true, ...over };
}
