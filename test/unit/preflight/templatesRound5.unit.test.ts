// Per-template tests for the fifth round: wordings the round-5 corpus samples showed no rule for. Each row is
// built from the format string named in its last column (runc's own source), not from a corpus sample.
import { describeQuiet, describeTemplates, Row } from './templateRows';

const TEMPLATES: Row[] = [
  // caps-unavailable: runc in a user-namespaced level cannot read its non-dumpable child's fd links.
  ['caps-unavailable', 'docker: Error response from daemon: oci runtime error: container_linux.go:247: starting container process caused "process_linux.go:252: getting pipe fds for pid 4711 caused \\"readlink /proc/4711/fd/1: permission denied\\"".', 'runc 1.0-rc2 newSystemErrorWithCausef(err, "getting pipe fds for pid %d")'],
  ['caps-unavailable', 'runc create failed: unable to start container process: error getting pipe fds for pid 4711: readlink /proc/4711/fd/2: operation not permitted', 'runc 1.1+ fmt.Errorf("error getting pipe fds for pid %d: %w")'],
];

describeTemplates('round 5 message templates', TEMPLATES);

describeQuiet('round 5 lines that are not a missing capability', [
  ['time="2026-01-10T10:00:00Z" level=debug msg="getting pipe fds for pid 4711"', 'a debug line naming the step without an error'],
  ['error getting pipe fds for pid 4711: readlink /proc/4711/fd/0: no such file or directory', 'the child already gone (ENOENT), not a permission'],
]);
