// Per-template tests for round 15 (session 16): templates fresh19's misses pointed to after its third look, each read
// in the source of the program that prints it. Each row is built from the format strings named in it, with made-up
// ids and paths.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { normalizeLine } from '../../../src/engine/preflight/normalize';
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  // dood-volume-path: Docker for Windows' older refusal of a bind source, and a mode that is a path (a hint).
  [
    'dood-volume-path',
    'docker: Error response from daemon: Mount denied:\nThe source path "C:/Users/dev/.app/data"\ndoesn\'t exist and is not known to Docker.',
    'Docker for Windows "Mount denied:\\nThe source path %q\\ndoesn\'t exist and is not known to Docker."',
  ],
  ['dood-volume-path', 'time="2019-03-30T15:50:19Z" level=error msg="Could not create container" error="API error (500): invalid mode: /tmp/work"', 'volume/mounts "invalid mode: %v" with a path'],
  // daemon-unreachable: a DOCKER_HOST the client cannot parse, an HTTP/2 server on the socket, a unit that is down.
  ['daemon-unreachable', 'ERROR: failed to initialize docker client: unable to parse docker host `/run/user/1000/docker.sock`', 'docker/client "unable to parse docker host `%s`"'],
  [
    'daemon-unreachable',
    'Error retrieving docker server info: Get http://unix.sock/info: malformed HTTP response "\\x00\\x00\\x00\\x04\\x00\\x00\\x00\\x00\\x00"',
    'net/http "malformed HTTP response %q" with an HTTP/2 SETTINGS frame',
  ],
  [
    'daemon-unreachable',
    '● docker.socket - Docker Socket for the API\n   Loaded: loaded (/lib/systemd/system/docker.socket; enabled)\n   Active: inactive (dead)\n\n● docker.service - Docker Application Container Engine\n   Loaded: loaded (/lib/systemd/system/docker.service; enabled)\n   Active: failed (Result: exit-code) since Fri 2026-12-04 10:00:00 UTC',
    'systemctl status of the engine\'s units, none active',
  ],
  // socket-permission: a tool's own check of the socket.
  ['socket-permission', 'Docker socket is not readable by the www-data user. Cannot continue.', 'a launcher\'s "Docker socket is not readable by the %s user"'],
  ['socket-permission', 'level=error msg="cannot watch events" socket=/var/run/docker.sock err="access denied"', 'any program naming the socket and its refusal (a hint)'],
  // data-root-corrupt: the filesystem under the data root reporting damaged metadata.
  ['data-root-corrupt', 'Error response from daemon: mkdir /var/lib/docker/overlay2/0a1b2c/merged: structure needs cleaning', 'ext4/xfs EUCLEAN on a path of the data root'],
];

describeTemplates('round 15 message templates', TEMPLATES);

describe('round 15: a level in brackets is the logger\'s level', () => {
  it('reads "[INFO] …" after a Go time.Time', () => {
    const [msg] = normalizeLine('2017-08-27 00:18:07.532759667 +0000 UTC [INFO] Can\'t connect to unix:///var/run/docker.sock');
    assert.deepEqual(msg, { text: 'Can\'t connect to unix:///var/run/docker.sock', level: 'info' });
  });
  it('keeps a connect failure logged at error level an error', () => {
    const got = classify('[ERROR] An error occurred trying to connect: Get http:///var/run/docker.sock/v1.24/info: dial unix /var/run/docker.sock: connect: no such file or directory');
    assert.equal(got.find((f) => f.id === 'daemon-unreachable')?.severity, 'error');
  });
});

describeQuiet('round 15 lines that are not these failures', [
  ['write /sys/fs/cgroup/docker/cgroup.subtree_control: structure needs cleaning', 'cgroup v2\'s EUCLEAN: not a damaged filesystem'],
  [
    '2017-08-27 00:18:07.532759667 +0000 UTC [INFO] Can\'t connect to unix:///var/run/docker.sock due to (An error occurred trying to connect: context deadline exceeded), skipping discovery',
    'a plugin logging at info that the daemon is not up yet, and going on',
  ],
  ['WARN[0000] Process sandbox is not available, consider unmasking procfs: mount: permission denied (are you root?)', 'BuildKit going on without its process sandbox'],
  ['docker: Error response from daemon: invalid mode: /test.', 'a -v argument quoted wrongly: a hint at most'],
  [
    '● docker.socket - Docker Socket for the API\n   Active: inactive (dead)\n● docker.service - Docker Application Container Engine\n   Active: active (running) since Fri 2026-12-04 10:00:00 UTC',
    'a socket unit waiting beside a running service',
  ],
]);
