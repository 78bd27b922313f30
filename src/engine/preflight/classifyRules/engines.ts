// The container engines' and runtimes' own process names, as the kernel keeps them (cut to 15 characters:
// "docker-containe", "dockerd-rootles"), for the rules and severities that tell an engine's failure from a workload's.
const ENGINE_NAMES = String.raw`docker|dockerd|dockerd-rootles[\w.-]*|docker-[\w.-]+|containerd(?:-shim[\w.-]*)?|runc|crun|conmon|podman|buildah|buildkitd|k3s[\w-]*|kubelet|rootlesskit`;

/** A process name that is an engine's or a runtime's. */
export const ENGINE_PROCESS = new RegExp(`^(?:${ENGINE_NAMES})$`, 'i');
/** An audit record's command (comm="…") that is an engine's, or one of `also`. */
export const engineComm = (also: readonly string[] = []) => new RegExp(String.raw`\bcomm="(?:${[ENGINE_NAMES, ...also].join('|')})"`);
/** The OOM killer's "(name)" of a killed engine process. */
export const ENGINE_KILLED = new RegExp(String.raw`\((?:${ENGINE_NAMES})\)`);
