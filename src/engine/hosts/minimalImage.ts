// The minimal image (docker-from-scratch style) as an engine function: runs scripts/build-minimal-image.sh with its
// arguments as an array, reporting each line, cancellable. The script is the single recipe (npm run image:minimal).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { AbortError, NestedDockerError } from '../core/errors';

const MINIMAL_IMAGE = 'nested-docker/dind:minimal';

function scriptPath(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'scripts', 'build-minimal-image.sh');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) {
      throw new NestedDockerError('scripts/build-minimal-image.sh is not installed here', 'run `npm run image:minimal` from a checkout of the project', 'no-script');
    }
  }
}

/** Builds `nested-docker/dind:minimal` (or `tag`) from this machine's binaries; resolves with the tag. */
export function buildMinimalImage(opts: { tag?: string; force?: boolean; env?: NodeJS.ProcessEnv; onLine?: (line: string) => void; signal?: AbortSignal } = {}): Promise<string> {
  const tag = opts.tag ?? MINIMAL_IMAGE;
  const args = [scriptPath(), '--tag', tag, ...(opts.force ? ['--force'] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn('bash', args, { env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], signal: opts.signal });
    const tail: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        opts.onLine?.(line);
      });
    }
    child.on('error', (err) => reject(err.name === 'AbortError' ? new AbortError('the minimal image build was cancelled') : err));
    child.on('close', (code) => {
      if (code === 0) resolve(tag);
      else reject(new NestedDockerError(`building ${tag} failed (exit ${code})`, 'read the lines above; the script names what is missing', 'image-build', tail.join('\n')));
    });
  });
}
