// iptables, kernel modules and published ports.
import { LineRule, TextRule, TextHit } from './types';

export const networkRules: LineRule[] = [
  // nf_tables frontend against a kernel (or namespace) that cannot do it: docker:dind on Alpine
  // 3.19 (docker-library/docker#463), WSL2, hosts still on legacy tables.
  { id: 'iptables-backend-mismatch', pattern: /\(nf_tables\):?\s+[A-Z_]+ failed \(/, severity: 'error' },
  { id: 'iptables-backend-mismatch', pattern: /Failed to initialize nft: Protocol not supported/i, severity: 'error' },
  { id: 'iptables-failure', pattern: /failed to create NAT chain/i },
  { id: 'iptables-failure', pattern: /iptables: No chain\/target\/match by that name/i },
  { id: 'iptables-failure', pattern: /\biptables failed:/i },
  { id: 'iptables-failure', pattern: /\biptables not found\b/i },
  { id: 'iptables-failure', pattern: /can't initialize iptables table/i },
  { id: 'kernel-module-missing', pattern: /do you need to insmod\?/i, severity: 'error' },
  { id: 'kernel-module-missing', pattern: /not found as a supported filesys/i, severity: 'error' },
  { id: 'kernel-module-missing', pattern: /missing kernel module\?/i },
  // modprobe cannot work inside a container; healthy dind start-ups print these when the modules
  // are loaded on the host already (docker-library/docker#46).
  { id: 'kernel-module-missing', pattern: /Running modprobe .* failed/i, severity: 'info' },
  { id: 'kernel-module-missing', pattern: /modprobe: can't change directory to '\/lib\/modules'/i, severity: 'info' },
  { id: 'kernel-module-missing', pattern: /could not open moddep file/i, severity: 'info' },
  { id: 'kernel-module-missing', pattern: /modprobe: FATAL: Module \S+ not found/i, severity: 'info' },
  { id: 'dood-port-conflict', pattern: /port is already allocated/i },
  { id: 'dood-port-conflict', pattern: /userland proxy: listen \w+ [^\s:]*:\d+: bind: address already in use/i },
];

const IPTABLES_VERSION = /iptables v[\d.]+ \((legacy|nf_tables)\)/;

export const networkTextRules: TextRule[] = [
  {
    // Two `iptables --version` lines that disagree, e.g. a level's and its parent's.
    id: 'iptables-backend-mismatch',
    scan(lines) {
      let first: string | undefined;
      const hits: TextHit[] = [];
      for (let i = 0; i < lines.length; i++) {
        const m = IPTABLES_VERSION.exec(lines[i]);
        if (!m) {
          continue;
        }
        if (first === undefined) {
          first = m[1];
        } else if (m[1] !== first) {
          hits.push({ index: i });
        }
      }
      return hits;
    },
  },
];
