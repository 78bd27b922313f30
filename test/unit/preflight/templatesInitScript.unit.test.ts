// Docker's SysV init script stopping at its ulimit line (init-script-ulimit). Rows are built from the script's
// `ulimit -Hn 524288` (Docker 25+) and `ulimit -n 1048576` (before) as dash and bash report a refused setrlimit.
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/engine/preflight';
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  ['init-script-ulimit', '/etc/init.d/docker: 62: ulimit: error setting limit (Invalid argument)', 'dash: ulimit -Hn 524288 under a higher soft limit (Docker 25+ sysvinit-debian/docker)'],
  ['init-script-ulimit', '/etc/init.d/docker: line 62: ulimit: open files: cannot modify limit: Invalid argument', 'bash: the same line'],
  ['init-script-ulimit', '/etc/init.d/docker: 96: ulimit: error setting limit (Operation not permitted)', 'dash: ulimit -n 1048576 without CAP_SYS_RESOURCE (before Docker 25)'],
];

describeTemplates('init script message templates', TEMPLATES);

describe('init script findings', () => {
  it('names the script as the cause ahead of the unreachable daemon it leaves behind', () => {
    const text = [
      '$ service docker start',
      '/etc/init.d/docker: 62: ulimit: error setting limit (Invalid argument)',
      '$ docker ps',
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    ].join('\n');
    const found = classify(text);
    assert.deepEqual([found[0].id, found[0].severity, found[0].line], ['init-script-ulimit', 'error', 2]);
    assert.ok(found.some((f) => f.id === 'daemon-unreachable'));
  });
});

describeQuiet('ulimit lines that are not docker\'s init script', [
  ['/etc/init.d/cassandra: 71: ulimit: error setting limit (Invalid argument)', "another service's init script"],
  ['+ ulimit -Hn 524288', 'a shell trace of the line that then worked'],
]);
