// Failure text as people paste it: wrapped at a terminal's width, through a web page (HTML escapes, no-break and zero-width spaces), a terminal
// pane (k9s/tmux borders), a Markdown list or inline code, Docker Desktop's own log format, and the wrappers
// normalize.ts always removed. Every line below must keep its finding under every wrapper, and a healthy daemon's
// lines must stay quiet under them. Lines are built from the sources' templates named beside them.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';

const FAILURES: [id: string, text: string, source: string][] = [
  ['storage-driver-unsupported', 'time="2024-01-01T00:00:00Z" level=error msg="failed to start daemon: error initializing graphdriver: driver not supported"', 'moby cmd/dockerd "failed to start daemon: %v" over graphdriver.ErrNotSupported'],
  ['socket-permission', 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/info": dial unix /var/run/docker.sock: connect: permission denied', 'docker/cli "permission denied while trying to connect to the Docker daemon socket at %s"'],
  ['not-privileged', 'mount: permission denied (are you root?)\nCould not mount /sys/kernel/security.\nAppArmor detection and --privileged mode might break.', "busybox mount(8) and docker-library's dind script after a refused securityfs mount"],
  ['kernel-module-missing', 'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "mqueue" to rootfs at "/dev/mqueue": mount mqueue:/dev/mqueue (via /proc/self/fd/7), flags: 0xe: no such device: unknown.', 'runc 1.1+ "error mounting %q to rootfs at %q: %w" over ENODEV, five lines at 80 columns'],
  ['apparmor-denied', 'audit: type=1400 audit(1700000000.123:42): apparmor="DENIED" operation="mount" info="failed flags match" error=-13 profile="docker-default" name="/sys/fs/cgroup/" pid=4242 comm="dockerd" fstype="cgroup2" srcname="cgroup2"', 'the kernel audit format for an AppArmor denial'],
  ['daemon-unreachable', 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', 'docker/cli "Cannot connect to the Docker daemon at %s. Is the docker daemon running?"'],
];

const HEALTHY = [
  'time="2024-01-01T00:00:00Z" level=info msg="Daemon has completed initialization"',
  'time="2024-01-01T00:00:00Z" level=info msg="API listen on /var/run/docker.sock"',
];

const each = (f: (line: string) => string) => (text: string) => text.split('\n').map(f).join('\n');
const html = (t: string) => t.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');

/** A terminal or an issue's 80 columns: wrapped at the last space that fits, or cut at the column mid-word. */
const atWords = (line: string): string[] => {
  const out: string[] = [];
  let cur = '';
  for (const word of line.split(' ')) {
    if (cur && `${cur} ${word}`.length > 80) [out[out.length], cur] = [cur, word];
    else cur = cur ? `${cur} ${word}` : word;
  }
  return [...out, cur];
};
const atColumn = (line: string): string[] => line.match(/.{1,80}/g) ?? [line];

const WRAPPERS: [name: string, wrap: (text: string) => string][] = [
  ['wrapped at 80 columns between words', (t) => t.split('\n').flatMap(atWords).join('\n')],
  ['cut at 80 columns mid-word', (t) => t.split('\n').flatMap(atColumn).join('\n')],
  ['HTML escapes of a page', html],
  ['numeric HTML escapes', (t) => t.replace(/"/g, '&#34;').replace(/'/g, '&#x27;')],
  ['no-break spaces', (t) => t.replace(/ /g, '\u00a0')],
  ['zero-width spaces after colons', (t) => t.replace(/: /g, ':\u200b ')],
  ['a k9s/tmux pane border', each((l) => `│ ${l}    │`)],
  ['a Markdown list item', each((l) => `- ${l}`)],
  ['inline code', each((l) => `\`${l}\``)],
  ["Docker Desktop's log format", each((l) => `[2024-01-01T00:00:00.000Z][com.docker.backend.exe][E] ${l}`)],
  ['journald', each((l) => `Dec 03 10:00:00 myhost dockerd[1234]: ${l}`)],
  ['compose', each((l) => `dind-1  | ${l}`)],
  ['CRLF line ends', (t) => `${t}\r\nnext line`],
];

describe('pasted-text wrappers', () => {
  for (const [name, wrap] of WRAPPERS) {
    describe(name, () => {
      for (const [id, text, source] of FAILURES) {
        it(`${id} ← ${source}`, () => {
          const got = classify(wrap(text)).map((f) => f.id);
          assert.ok(got.slice(0, 2).includes(id), `got [${got.join(', ')}]`);
        });
      }
      it('a healthy daemon stays quiet', () => {
        assert.deepEqual(classify(wrap(HEALTHY.join('\n'))).filter((f) => f.severity !== 'info'), []);
      });
    });
  }

  it('decodes only real escapes: a bare ampersand and unknown entities stay as written', () => {
    const finding = classify('docker: Error response from daemon: a & b &bogus; error initializing graphdriver: driver not supported')[0];
    assert.ok(finding);
    assert.match(finding.evidence, /a & b &bogus;/);
  });
});
