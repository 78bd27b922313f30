// The engine's public surface: src/cli/ and src/extension/ import the engine only from here (lint enforces it).
// Anything not listed is an internal of its folder and free to change.
export { errorMessage, isAbortError, NestedDockerError, printable } from './core/errors';
export type { Finding, NestOptionsPatch } from './core/finding';
export { escapeRegExp, splitWords } from './core/words';
export type {
  ContainerSummary, DiskUsage, ImageSummary, LaunchMode, LevelInfo, LevelResources, NestOptions, NetworkSummary, ResourceSample,
  VolumeSummary,
} from './core/types';
export { engineFor, NestedDockerEngine, probeHost } from './engine';
export { listHostsSync, resolveHost } from './hosts/hostList';
export type { Exposure } from './launch/expose';
export { checkExposeRequest } from './launch/exposePolicy';
export type { HostEntry } from './hosts/hostList';
export { addHost, hostsFile, removeHost } from './hosts/hostStore';
export { isImageRef, MAX_DEPTH } from './launch/nestInputs';
export { buildMinimalImage } from './hosts/minimalImage';
export { flatten } from './levels/levelNode';
export { NEVER_STARTED } from './levels/levelState';
export type { LevelNode } from './levels/levelNode';
export type { DoctorOptions, DoctorReport, Leftover } from './levels/orphans';
export { CHECK_IDS, classify, isCheckId } from './preflight';
export type { TextSource } from './preflight';
export { hasErrors } from './preflight/preflight';
export type { LevelReport } from './preflight/preflight';
export type { ExecSession } from './session/execSession';
export type { ContainerAction, LevelContents, ResourceKind } from './session/levelContents';
export { followContainerStats, levelResources, measureDisk } from './session/resources';
export { formatBytes, resourceFindings } from './preflight/resourceFindings';
export { dockerodeLoaded } from './transport/dockerClient';
export { redactHostUrl } from './transport/hostSpec';
export { unknownHostKey } from './transport/ssh/hostKeyVerifier';
export type { HostKeyInfo, PassphraseRequest, SshOptions } from './transport/ssh/sshOptions';
