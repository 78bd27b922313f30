import { NestedDockerError } from '../core/errors';

/** Turns how a level's container died into a message that names the problem and the fix. */
export function explainEarlyExit(levelId: string, exitCode: number | undefined, logTail: string, oomKilled = false): NestedDockerError {
  const last = lastMeaningfulLine(logTail);
  const what = `level ${levelId}: its container exited${exitCode !== undefined ? ` (code ${exitCode})` : ''} before its daemon answered`;
  if (/no-dockerd|dockerd: not found|executable file not found.*dockerd/i.test(logTail)) {
    return new NestedDockerError(
      `${what}: the image has no dockerd`,
      'use an image that contains Docker Engine (docker:dind, or `npm run image:local` for nested-docker/dind:local)',
      'no-dockerd',
      logTail,
    );
  }
  if (/unknown (flag|shorthand flag)|flag provided but not defined|invalid argument .* for .*flag|unable to configure the Docker daemon|invalid (daemon )?config/i.test(logTail)) {
    return new NestedDockerError(
      `${what}: dockerd rejected its arguments: ${last}`,
      'fix the extra daemon arguments (--daemon-arg, or the dind.levels.daemonArgs setting); `dockerd --help` lists the valid ones',
      'bad-daemon-args',
      logTail,
    );
  }
  if (oomKilled) {
    // The kernel killed it for memory (Docker's State.OOMKilled): the log stops wherever dockerd was, so its last
    // line is not the cause. Levels have no memory limit of their own: the machine (or a parent's limit) ran out.
    return new NestedDockerError(
      `${what}: it was killed for lack of memory (OOM-killed) while starting`,
      'free memory on the machine it runs on (stop containers or levels you do not need there), then nest again: every level runs a daemon of its own',
      'daemon-oom',
      logTail,
    );
  }
  if (exitCode === 143) {
    // SIGTERM from outside (docker stop, a daemon restart, the machine shutting down): the log's last line is
    // only where dockerd was when the signal came, not a cause.
    return new NestedDockerError(
      `${what}: it was stopped (SIGTERM) while starting: its machine shut down, its parent's daemon restarted, or someone stopped it`,
      'nest again once the parent level answers',
      'daemon-stopped',
      logTail,
    );
  }
  return new NestedDockerError(
    `${what}${last ? `: ${last}` : ''}`,
    'read the daemon log below; `nested-docker classify` (or the Problems panel) names known dind failure causes',
    'daemon-exited',
    logTail,
  );
}

export function explainStartFailure(levelId: string, message: string): NestedDockerError {
  if (/exec: "?\/bin\/sh"?|\/bin\/sh: no such file|no such file or directory: unknown/i.test(message)) {
    return new NestedDockerError(
      `level ${levelId}: the image has no /bin/sh, so the entrypoint wrapper cannot run (${message})`,
      'use an image that contains a shell and Docker Engine (docker:dind, or `npm run image:local`)',
      'no-dockerd',
    );
  }
  return new NestedDockerError(`level ${levelId}: the container did not start: ${message}`, undefined, 'start-failed');
}

function lastMeaningfulLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !/^nested-docker: (level|removed)/.test(l));
  const errorLine = [...lines].reverse().find((l) => /error|fatal|failed|unknown|invalid|not found/i.test(l));
  return (errorLine ?? lines[lines.length - 1] ?? '').slice(0, 400);
}

export function timeoutError(levelId: string, seconds: number, logTail: string): NestedDockerError {
  return new NestedDockerError(
    `level ${levelId}: its daemon did not answer within ${seconds} s`,
    'raise the start timeout (--timeout, dind.levels.startTimeoutSeconds) on a slow machine, or read the daemon log below',
    'start-timeout',
    logTail,
  );
}
