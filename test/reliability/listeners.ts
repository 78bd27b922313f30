// The host's listening TCP sockets, and which of them this test run (or Docker, which it drives) opened: no
// listener may appear unless the user asked for one.
import * as fs from 'fs';

export interface Listener {
  address: string;
  inode: string;
}

export function listeningSockets(): Listener[] {
  const out: Listener[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A') continue;
      const [hexAddr, hexPort] = f[1].split(':');
      out.push({ address: `${hexAddr.length > 8 ? 'v6:' : ''}${hexAddr}:${parseInt(hexPort, 16)}`, inode: f[9] });
    }
  }
  return out;
}

const DOCKER_PROCESSES = /^(dockerd|docker-proxy|containerd.*|runc)$/;

/** Who owns a socket inode: 'ours' (this process tree or Docker's), 'foreign' (another user's work), 'unknown'. */
function owner(inode: string): 'ours' | 'foreign' | 'unknown' {
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link = '';
      try {
        link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (link !== `socket:[${inode}]`) continue;
      return descendsFromUs(Number(pid)) || DOCKER_PROCESSES.test(comm(pid)) ? 'ours' : 'foreign';
    }
  }
  return 'unknown';
}

function comm(pid: string | number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

function descendsFromUs(pid: number): boolean {
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    if (p === process.pid) return true;
    try {
      p = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      return false;
    }
  }
  return false;
}

/** Listeners present now and not in `before` that this run or Docker owns (another engineer's server is not ours). */
export function addedListeners(before: Listener[]): string[] {
  const known = new Set(before.map((l) => l.address));
  return listeningSockets().filter((l) => !known.has(l.address) && owner(l.inode) !== 'foreign').map((l) => l.address);
}
