// Reaching the daemon, its pid file, and docker-outside-of-docker pitfalls.
import { LineRule } from './types';

export const daemonRules: LineRule[] = [
  { id: 'stale-pidfile', pattern: /pid file found, ensure docker is not running/i },
  { id: 'stale-pidfile', pattern: /ensure docker is:? not running or delete \S*\.pid/i },
  { id: 'socket-permission', pattern: /permission denied while trying to connect to the Docker daemon socket/i },
  { id: 'socket-permission', pattern: /dial unix \S*\.sock: (?:connect|socket): permission denied/i },
  { id: 'daemon-unreachable', pattern: /cannot connect to the Docker daemon/i },
  { id: 'daemon-unreachable', pattern: /Couldn't connect to Docker daemon/i },
  { id: 'daemon-unreachable', pattern: /Is the docker daemon running\?/i },
  // Docker 1.x client wording.
  { id: 'daemon-unreachable', pattern: /Are you trying to connect to a TLS-enabled daemon without TLS\?/i },
  { id: 'daemon-unreachable', pattern: /dial unix \S*docker\S*\.sock: connect: (?:no such file or directory|connection refused)/i },
  { id: 'dood-volume-path', pattern: /bind source path does not exist/i },
  { id: 'dood-volume-path', pattern: /Are you trying to mount a directory onto a file \(or vice-versa\)\?/i },
];
