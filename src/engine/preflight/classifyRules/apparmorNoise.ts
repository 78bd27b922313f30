// AppArmor denials that are not a level's failure: an ordinary container's own refusals, a host program's own profile.
// `ps` inside a docker-default container is denied ptrace on its peers: kernels log it on healthy
// systems (moby/moby#7276), so it must not be mistaken for the failure. The same holds for any ptrace a
// process confined by docker-default is refused (profile="docker-default", whatever the peer: an ordinary
// container's monitoring agent reading host processes): the kernel's ptrace record (security/apparmor/ipc.c
// audit_ptrace_cb: " requested_mask=", " denied_mask=", " peer=") names the tracer's profile, and a
// level that runs dockerd is never confined by docker-default when it works at all. Two more of docker-default's
// refusals are an ordinary container's application at work, never a level's daemon: a signal sent to an unconfined
// process (moby profiles/apparmor/template.go lets docker-default only receive from unconfined peers), and D-Bus
// calls to the host's bus (dbus-daemon's USER_AVC record: operation="dbus_method_call" … label="docker-default").
const OWN_CONTAINER_DENIAL = [
  (line: string) => /operation="ptrace"/.test(line) && (/peer="?docker-default/.test(line) || /\bprofile="?docker-default"?\s/.test(line)),
  (line: string) => /operation="signal"/.test(line) && /\bprofile="?docker-default"?\s/.test(line) && /\bpeer="?unconfined\b/.test(line),
  (line: string) => /operation="dbus_\w+"/.test(line) && /\b(?:label|profile)="?docker-default"?\s/.test(line),
  // A process lister (docker top's ps, top, pgrep) refused ptrace read access to its peers: it lists them anyway.
  (line: string) => /operation="ptrace"/.test(line) && /\bcomm="?(?:ps|top|htop|pgrep|pidof|pstree)"?(?:\s|$)/.test(line),
  // CAP_FSETID refused: the kernel asks for it when a file changes hands or is written and, refused, clears the file's
  // setuid/setgid bits instead; the command goes on (profiles add `deny capability fsetid,` only to silence it).
  (line: string) => /operation="capable"/.test(line) && /\bcapname="fsetid"/.test(line),
];
// A denial of a host program's own profile (a path such as "/usr/bin/evince-thumbnailer", or a snap's) is that
// program's business; container tooling's profiles (docker-default, lxc-*, runc, snap.docker.*, dockerd's own path,
// unprivileged_userns) and a user's custom container profile (a plain name) stay findings.
const CONTAINER_TOOLING = /docker|containerd|runc|crun|lxc|lxd|incus|podman|buildkit|moby|kube|k3s|k8s|cri|sysbox|rootless|nspawn|userns/i;
// LXD's snap client (snap.lxd.lxc, snap.lxd.lxd: the `lxc` command reading its config) is a host program too.
function hostProgramDenial(line: string): boolean {
  const profile = /\bprofile="([^"]+)"/.exec(line)?.[1];
  return !!profile && /^(?:\/|snap\.)/.test(profile) && (!CONTAINER_TOOLING.test(profile) || /^snap\.lxd\.lxc?$|^snap\.lxd\.lxd$/.test(profile));
}
// aa-log's profile is its second field; a host program's own profile is its business, as above.
export function aaLogSeverity(line: string): 'error' | null {
  const profile = /^\s*DENIED\s+(\S+)/.exec(line)?.[1] ?? '';
  return hostProgramDenial(`profile="${profile}"`) ? null : 'error';
}
export const benignContainerDenial = (line: string) => {
  if (hostProgramDenial(line)) return null;
  return OWN_CONTAINER_DENIAL.some((own) => own(line)) ? 'info' : 'error';
};
