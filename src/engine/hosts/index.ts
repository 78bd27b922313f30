/** The hosts API for the CLI and the extension (no vscode import): each host is a root of the levels tree. */
export { engineFor, hostSpecFor, listHosts, listHostsSync, probeHost, resolveHost } from './hostList';
export type { HostEntry, HostListOptions, HostProbe, HostSource } from './hostList';
export { addHost, configDir, hostsFile, readAddedHosts, removeHost } from './hostStore';
export type { AddedHost } from './hostStore';
export { currentContextName, dockerConfigDir, readDockerContexts } from './dockerContexts';
export type { DockerContext } from './dockerContexts';
export { sshStats } from '../ssh/sshDocker';
export type { SshStats } from '../ssh/sshDocker';
export type { HostKeyInfo, PassphraseRequest, SshOptions } from '../ssh/sshOptions';
