// TLS material for a level's daemon exposed over TCP (the docker:dind convention: a CA, a server certificate for
// the daemon, a client certificate for the user), made with the openssl CLI (Node has no X.509 writer). Arguments
// are arrays, the work folder is private, the CA key never leaves it, and no key is ever logged.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { NestedDockerError } from '../core/errors';

const run = promisify(execFile);

/** PEM texts; the server part goes into the level, the client part to the user's Docker context. */
export interface TlsMaterial {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

/** subjectAltName entries for the server certificate: every address the daemon is reached at. */
export function subjectAltNames(addresses: readonly string[]): string {
  const names = new Set(['IP:127.0.0.1', 'DNS:localhost']);
  for (const a of addresses) {
    if (a === '0.0.0.0' || a === '::') continue;
    names.add(net.isIP(a) ? `IP:${a}` : `DNS:${a}`);
  }
  return [...names].join(',');
}

/** Generates a CA (P-256, valid `days`), a server certificate for `addresses` and a client certificate. */
export async function generateTlsMaterial(opts: { commonName: string; addresses: readonly string[]; days?: number; openssl?: string }): Promise<TlsMaterial> {
  const openssl = opts.openssl ?? 'openssl';
  const days = String(opts.days ?? 825);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nested-docker-tls-'));
  fs.chmodSync(dir, 0o700);
  const f = (name: string) => path.join(dir, name);
  const ossl = async (args: string[]) => {
    try {
      await run(openssl, args, { cwd: dir, timeout: 30_000 });
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stderr?: string };
      if (e.code === 'ENOENT') {
        throw new NestedDockerError('the openssl command is not installed', 'install it (apt-get install openssl) and expose again', 'no-openssl');
      }
      // openssl's stderr names the failing step; it never contains key material.
      throw new NestedDockerError(`openssl ${args[0]} failed: ${(e.stderr ?? e.message).trim().split('\n')[0]}`, 'check the openssl installation', 'tls-failed');
    }
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    await ossl(['req', '-x509', ...ec, '-keyout', f('ca-key.pem'), '-out', f('ca.pem'), '-days', days,
      '-subj', `/CN=${opts.commonName} CA`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    const leaf = async (name: string, cn: string, ext: string) => {
      fs.writeFileSync(f(`${name}.ext`), ext, { mode: 0o600 });
      await ossl(['req', '-new', ...ec, '-keyout', f(`${name}-key.pem`), '-out', f(`${name}.csr`), '-subj', `/CN=${cn}`]);
      await ossl(['x509', '-req', '-in', f(`${name}.csr`), '-CA', f('ca.pem'), '-CAkey', f('ca-key.pem'), '-CAcreateserial',
        '-days', days, '-out', f(`${name}-cert.pem`), '-extfile', f(`${name}.ext`)]);
    };
    await leaf('server', opts.commonName, `subjectAltName=${subjectAltNames(opts.addresses)}\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n`);
    await leaf('client', 'client', 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n');
    const read = (name: string) => fs.readFileSync(f(name), 'utf8');
    return {
      ca: read('ca.pem'), serverCert: read('server-cert.pem'), serverKey: read('server-key.pem'),
      clientCert: read('client-cert.pem'), clientKey: read('client-key.pem'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes files into a private folder (0700) as 0600, replacing what was there. */
export function writePrivateFiles(dir: string, files: Record<string, string>): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.rmSync(file, { force: true });
    fs.writeFileSync(file, text, { mode: 0o600 });
    fs.chmodSync(file, 0o600);
  }
}
