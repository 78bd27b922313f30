import * as fs from 'fs';
import * as path from 'path';

/** Finds a file under the package's resources/ folder from the compiled (out/) or bundled (dist/) location. */
function resourcePath(name: string): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources', name);
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`resource ${name} not found near ${__dirname}; the package is incomplete (reinstall it)`);
}

let entrypointCache: Buffer | undefined;
export function entrypointScript(): Buffer {
  entrypointCache ??= fs.readFileSync(resourcePath('entrypoint.sh'));
  return entrypointCache;
}
