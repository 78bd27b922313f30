// Docker from the snap store (`docker.compose`, /snap/bin/docker, the snap.docker.* services): its strict confinement
// is an AppArmor profile, so a file refused with EACCES beside it (a compose file or a bind source outside the home
// interface, a file owned by another user) is most often that profile's refusal, not the file's mode: a hint.
import { EXEC_EPERM } from './selinuxContext';
import { beside, TextRule } from './types';

const SNAP_DOCKER = /\bdocker\.compose\b|\/snap\/bin\/docker\b|\bsnap\.docker\.|\/var\/snap\/docker\/|\bsnap (?:connect|install|refresh) docker\b/;
// (Also the CLI's build context on removable media, which the snap reads only with its removable-media interface
// connected: "error checking context: 'can't stat '/media/…''".)
const EACCES = /\[Errno 13\] Permission denied|\bpermission denied\b[^\n]{0,200}?(?:\.ya?ml|\/home\/)|open \S+: permission denied|error checking context: '?can't stat '\/(?:media|mnt|run\/media)\//i;

// runc's exec of the container's process refused: under the snap's own profile the change to docker-default that a
// no-new-privileges container asks for is a transition AppArmor may refuse. (Only where the paste asks for
// no-new-privileges: an old libseccomp refusing a newer image's syscalls reads the same.)
const NO_NEW_PRIVILEGES = /no-new-privileges(?!:false|=false)/i;
const snapExecRefused = beside('apparmor-denied', EXEC_EPERM, SNAP_DOCKER, 'info');
const snapAskingNoNewPrivileges: TextRule = {
  id: 'apparmor-denied',
  scan: (lines, messages) => (lines.some((l) => NO_NEW_PRIVILEGES.test(l)) ? snapExecRefused.scan(lines, messages) : []),
};

export const snapConfinementRules: TextRule[] = [beside('apparmor-denied', EACCES, SNAP_DOCKER, 'info'), snapAskingNoNewPrivileges];
