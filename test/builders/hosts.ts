// Builder for hosts (the roots of the levels tree).
import type { HostEntry } from '../../src/engine/hosts/hostList';

export function hostEntry(over: Partial<HostEntry> = {}): HostEntry {
  return { name: 'local', url: 'unix:///var/run/docker.sock', kind: 'unix', source: 'default', current: true, ...over };
}
