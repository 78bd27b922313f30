#!/usr/bin/env python3
"""Merge helper batches into the diagnosis corpus.
usage: merge.py SIDE_R SIDE_U SEED DIR... [--apply]
Validates headers, drops known threads (any side), near-copies of existing bodies and <2-line bodies, then splits the
rest by thread at random (seeded) into SIDE_R / SIDE_U (same name twice: kept whole). --apply copies the files and
appends the names to split.json (new sides at the end)."""
import json, os, random, re, sys, collections
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, 'samples')
LABELS = set('''not-privileged caps-unavailable rootless-prerequisites apparmor-denied selinux-denied kernel-module-missing
cgroup-not-mounted cgroup-devices-shared cgroup-readonly cgroup-v2-nesting cgroupns-host iptables-failure
iptables-backend-mismatch aufs-module-missing overlay-on-overlay storage-driver-unsupported vfs-fallback
var-lib-docker-shared data-root-corrupt stale-pidfile init-script-ulimit disk-space keyring-quota memory-limit
dood-volume-path dood-port-conflict socket-permission api-version-mismatch daemon-unreachable none-of-catalog
healthy'''.split())
KINDS = set('daemon-log cli-error dmesg audit docker-info journald proc ci-log mixed'.split())
HOSTS = set('bare-metal vm lxd nspawn kubernetes wsl2 docker-desktop rootless ci-runner unknown'.split())

def parse(path):
    lines = open(path, encoding='utf-8', errors='replace').read().split('\n')
    h = {}; i = 0
    while i < len(lines) and lines[i].startswith('# '):
        m = re.match(r'^#\s*([a-z-]+):\s*(.*)$', lines[i])
        if not m: break
        h[m.group(1)] = (h[m.group(1)] + ', ' + m.group(2)) if m.group(1) in h else m.group(2)
        i += 1
    return h, lines[i:]

def key(src): return re.sub(r'/+$', '', re.sub(r'#.*$', '', src.strip().lower()))
def norm(l): return re.sub(r'\s+', ' ', l).strip()

args = [a for a in sys.argv[1:] if a != '--apply']; apply = '--apply' in sys.argv
side_r, side_u, seed, dirs = args[0], args[1], int(args[2]), args[3:]
split = json.load(open(os.path.join(ROOT, 'split.json')))
known = set(); line_index = collections.defaultdict(set)
for f in os.listdir(SAMPLES):
    if not f.endswith('.txt'): continue
    h, body = parse(os.path.join(SAMPLES, f))
    known.add(key(h.get('source', '')))
    for l in body:
        n = norm(l)
        if len(n) >= 25: line_index[n].add(f)
take = []; dropped = collections.Counter(); seen_threads = {}
for d in dirs:
    for f in sorted(os.listdir(d)):
        if not f.endswith('.txt') or f == 'claims.txt': continue
        p = os.path.join(d, f); h, body = parse(p)
        prob = [k for k in ('source', 'expect', 'kind', 'host') if not h.get(k)]
        exp = [e.strip() for e in re.split(r'[,|]', h.get('expect', '')) if e.strip()]
        also = [e.strip() for e in re.split(r'[,|]', h.get('also', '')) if e.strip()]
        if prob: print(f'  DROP {p}: missing {prob}'); dropped['header'] += 1; continue
        bad = [e for e in exp + also if e not in LABELS]
        if bad: print(f'  DROP {p}: unknown label {bad}'); dropped['label'] += 1; continue
        if h['kind'] not in KINDS or h['host'] not in HOSTS: print(f'  WARN {p}: kind/host {h["kind"]}/{h["host"]}')
        content = [l for l in body if l.strip()]
        if len(content) < 2: print(f'  DROP {p}: body < 2 lines'); dropped['short'] += 1; continue
        k = key(h['source'])
        if k in known: print(f'  DROP {p}: known thread {k}'); dropped['known'] += 1; continue
        lines = [norm(l) for l in content if len(norm(l)) >= 25]
        if lines:
            c = collections.Counter(x for l in lines for x in line_index.get(l, ()))
            if c and c.most_common(1)[0][1] >= 0.8 * len(lines):
                print(f'  DROP {p}: near-copy of {c.most_common(1)[0][0]}'); dropped['copy'] += 1; continue
        name = f
        while os.path.exists(os.path.join(SAMPLES, name)) or name in [t[1] for t in take]:
            name = re.sub(r'(-\d+)?\.txt$', '', name) + '-2.txt' if not re.search(r'-(\d+)\.txt$', name) else re.sub(r'-(\d+)\.txt$', lambda m: f'-{int(m.group(1))+1}.txt', name)
        take.append((p, name, k, exp[0]))
        for l in lines: line_index[l].add(name)
threads = sorted(set(t[2] for t in take)); random.Random(seed).shuffle(threads)
half = set(threads[: (len(threads) + 1) // 2])
sides = collections.defaultdict(list)
for p, name, k, e in take: sides[side_r if (side_r == side_u or k in half) else side_u].append((p, name, e))
for s, rows in sides.items():
    c = collections.Counter('healthy' if e == 'healthy' else ('outside' if e == 'none-of-catalog' else 'failure') for _, _, e in rows)
    print(f'{s}: {len(rows)} samples {dict(c)}')
print('dropped', dict(dropped))
if apply:
    import shutil
    for s, rows in sides.items():
        for p, name, _ in rows: shutil.copy(p, os.path.join(SAMPLES, name))
        split.setdefault(s, []); split[s] = sorted(split[s] + [n for _, n, _ in rows])
    json.dump(split, open(os.path.join(ROOT, 'split.json'), 'w'), indent=2, ensure_ascii=False); open(os.path.join(ROOT, 'split.json'), 'a').write('\n')
    print('applied')
