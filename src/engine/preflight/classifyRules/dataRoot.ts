// A damaged /var/lib/docker: layers, image metadata and bolt databases that are missing or unreadable.
// In nested set-ups the usual cause is a data root shared with another daemon, so that reading is named
// second, as a warning.
import { beside, LineContext, LineRule, loggedBelowError, TextHit, TextRule } from './types';

const quietBelowError = (_l: string, ctx: LineContext) =>
  loggedBelowError(ctx) ? null : 'error';

const DAMAGE: readonly RegExp[] = [
  // moby layer store (layer/layer.go ErrLayerDoesNotExist), libnetwork kvstore (ErrKeyNotFound, wrapped
  // e.g. by bitseq "internal failure while setting the bit: %v").
  /\blayer does not exist\b/i,
  /\bKey not found in store\b/i,
  // go.etcd.io/bbolt errors on a database that cannot be read (meta.db, local-kv.db, metadata.db).
  /\b(?:bolt|boltdb|meta(?:data)?\.db|local-kv\.db|metadata database)\b[^\n]*\b(?:invalid database|version mismatch|checksum error|database isn't correctly mapped)/i,
  // bbolt (and boltdb before it) panicking on a damaged file: "invalid page allocation: %d", "invalid
  // freelist page: %d, page type is %s", "page %d already freed", "invalid page type: %d: %x", "assertion
  // failed: write: circular dependency occurred", "bolt.DB.meta(): invalid meta pages".
  /panic: (?:invalid page allocation|invalid freelist page|page \d+ already freed|invalid page type|assertion failed: (?:write: circular dependency occurred|Page expected to be|page \d+: has unexpected type))|bolt\.DB\.meta\(\): invalid meta pages/i,
  // boltdb's freelist refusing a page twice ("page %d already freed", "cannot free page 0 or 1") panics from
  // (*freelist).free; a journal often keeps only the goroutine trace, whose frame names it.
  /\bb?bolt\.\(\*freelist\)\.free\(/,
  // bbolt 1.3.7+ checking reachable pages when opening: panic(fmt.Sprintf("freepages: failed to get all reachable pages (%v)", e)).
  /panic: freepages: failed to get all reachable pages/i,
  // An overlay mount whose lower layer is gone (moby overlay2 "error creating overlay mount to %s: %v"; 1.12-17.x
  // mounted through a re-exec, pkg/mount mountfrom: "mountfrom re-exec error: %v: output: %v").
  /error creating overlay mount to \S+: (?:mountfrom re-exec error: exit status \d+: output: )?no such file or directory/i,
  // overlay2's links: Go's os.Readlink EINVAL ("readlink %s: invalid argument") where the driver expects a symlink
  // (its l/ directory, a layer's link): the data root's layer metadata no longer matches its directories.
  // Bounded path parts: two unbounded \S runs around "/overlay2" backtrack quadratically on a long token.
  /readlink \/\S{0,200}?\/overlay2(?:\/\S{0,200})?: invalid argument/i,
];

const STORAGE_CORRUPTION_WARNED = /\bA storage corruption might have occurred\b/i;
// (Then failing on the same link: "Error: readlink …/overlay/l/<id>: no such file or directory".)
const LAYER_LINK_UNREADABLE = /\breadlink \S*\/overlay\/l\/\w+: no such file or directory/i;

export const dataRootRules: LineRule[] = [
  // Stores under the data root gone while the daemon kept running: libnetwork's ("failed to update store for object type
  // %T: open <data root>/network/files/local-kv.db: no such file or directory") and devmapper's metadata of a layer
  // (deviceset.go "devmapper: Unknown device %s"): part of the data root was removed or lost.
  { id: 'data-root-corrupt', pattern: /\/network\/files\/local-kv\.db: no such file or directory|\bdevmapper: Unknown device [0-9a-f]{12,}/i, severity: 'warning' },
  // Past dockerd's root check, root refused making its own data root ("mkdir /var/lib/docker: permission denied", alone or after
  // "failed to start daemon: "): a root that is not the machine's (a sandbox's or chroot's fake root, an unmapped user
  // namespace owner); a hint, an LSM refuses the same way.
  { id: 'not-privileged', pattern: /^(?:(?:failed to start daemon|Error starting daemon): )?mkdir \/var\/lib\/docker: permission denied\s*$/i, severity: 'info' },
  ...DAMAGE.map((pattern): LineRule => ({ id: 'data-root-corrupt', pattern, severity: quietBelowError })),
  ...DAMAGE.map((pattern): LineRule => ({ id: 'var-lib-docker-shared', pattern, severity: (l, ctx) => quietBelowError(l, ctx) && 'warning' })),
  // moby layer store: "could not verify layer data for: %s. This may be because internal files in the layer
  // store were modified…", and its cache-id files (Error("failed to read cache ID"), "cannot get cache ID", "invalid cache ID").
  { id: 'data-root-corrupt', pattern: /could not verify layer data for:/i },
  // The daemon's own scratch folder gone from its data root (a build's "Error response from daemon: stat %s/tmp: no such
  // file or directory", moby#19566): the daemon makes it only at start, so something removed it since (a tmp cleaner).
  // The folder before /tmp must name docker (a data root, not a project's path); its images are intact.
  {
    id: 'data-root-corrupt',
    pattern: /Error response from daemon: stat \/\S{0,300}?docker[^/\s]{0,100}\/tmp: no such file or directory/i,
    severity: 'warning',
    hint: 'The daemon\'s scratch folder <data root>/tmp was removed after the daemon started (a tmp cleaner such as systemd-tmpfiles or cron, or a manual clean-up). Restart the daemon to make it again; its images and volumes are intact.',
  },
  // overlay2 opening a layer's "committed" marker (a parent layer it builds on): ENOENT is the layer's folder gone under
  // metadata that still lists it (folders deleted by hand, a data root moved without them).
  { id: 'data-root-corrupt', pattern: /open \S{0,300}\/overlay2\/[0-9a-f]{64}\/committed: no such file or directory/i, severity: 'warning' },
  // devicemapper's thin pool damaged (the kernel's persistent-data checks: "btree_node validator check failed for block
  // %llu", "node_check failed: csum %u != wanted %u"), or its files and base device gone from the data root
  // ("devmapper: Base device %s does not exist"; the graphdriver opening /var/lib/docker/devicemapper/… with ENOENT).
  { id: 'data-root-corrupt', pattern: /device-mapper: (?:block manager: btree_node validator check failed|btree spine: node_check failed)/i },
  { id: 'data-root-corrupt', pattern: /devmapper: Base device \S+ does not exist/i },
  // containerd's metadata database naming a snapshot the snapshotter's own database no longer has (a garbage collection
  // that removed one side only): "failed to create snapshot: missing parent %q bucket: not found".
  { id: 'data-root-corrupt', pattern: /missing parent "[^"]+" bucket: not found/i },
  // The other way round: the metadata names a parent whose directory the snapshotter lost ("failed to stat parent: stat
  // …/io.containerd.snapshotter.v1.overlayfs/snapshots/%d/fs: no such file or directory").
  { id: 'data-root-corrupt', pattern: /failed to stat parent: stat \S{0,300}\/snapshots\/\d+\/fs: no such file or directory/i },
  // The snapshotter's whole snapshots folder gone under a kept root (a root on a disk not mounted yet at boot, or cleaned
  // by hand): every create stops on it ("failed to create prepare snapshot dir: failed to create temp dir: stat
  // …/io.containerd.snapshotter.v1.overlayfs/snapshots: no such file or directory").
  { id: 'data-root-corrupt', pattern: /stat \S{0,300}\/io\.containerd\.snapshotter\.v1\.\w+\/snapshots: no such file or directory/i },
  // libnetwork's store still holding the default bridge's gateway (a stale local-kv.db): "Error creating default
  // \"bridge\" network: failed to allocate gateway (%s): Address already in use", a warning; "No available addresses on
  // this pool" is a full pool (a /31 bip) in today's allocator and was the stale store in Docker 1.x's: a hint.
  {
    id: 'data-root-corrupt',
    pattern: /Error creating default \\?"bridge\\?" network: failed to allocate gateway \([^)\n]{0,100}\): (?:Address already in use|No available addresses on this pool)/i,
    severity: (l) => (/Address already in use/i.test(l) ? 'warning' : 'info'),
  },
  // qemu-img check of the VM disk image that holds a desktop engine's data root (Docker.qcow2): "ERROR cluster %d
  // refcount=%d reference=%d", "%d errors were found on the image. Data may be corrupted…".
  { id: 'data-root-corrupt', pattern: /^ERROR cluster \d+ refcount=\d+ reference=\d+|(?<!\d)\d+ errors were found on the image\.\s*Data may be corrupted/i, severity: 'warning' },
  // The pool no longer holds the base device the data root recorded ("Base Device UUID (and Filesystem) verification
  // failed"): a pool re-created, repaired or filled and damaged under a kept /var/lib/docker. Beside the storage
  // driver's refusal, as a warning.
  { id: 'data-root-corrupt', pattern: /Base Device UUID (?:and Fil\w*system )?verification failed/i, severity: 'warning' },
  // A plugin's files under the data root half removed (`docker plugin rm -f` interrupted): the plugin manager's
  // restore at start-up stops on them ("couldn't create plugin manager: failed to restore plugins: error reading %s").
  { id: 'data-root-corrupt', pattern: /failed to restore plugins: error reading \S*\/plugins\/\S+/i },
  // A container's record under the data root unreadable at start (moby daemon "Failed to load container %v: %v"): its
  // config.v2.json truncated or not JSON, typically after a crash or a full disk.
  { id: 'data-root-corrupt', pattern: /Failed to load container [0-9a-f]{12,}: (?:json: cannot unmarshal|unexpected end of JSON input|invalid character)/i, severity: 'warning' },
  // The same from 20.10 on, logged with fields (msg="failed to load container" container=%s error=%q).
  { id: 'data-root-corrupt', pattern: /failed to load container"?[^\n]*\berror="?(?:json: cannot unmarshal|unexpected end of JSON input|invalid character)/i, severity: 'warning' },
  { id: 'data-root-corrupt', pattern: /(?:error initializing graphdriver|prior storage driver "?\w+"? failed): open \/var\/lib\/docker\/devicemapper\/\S+: no such file or directory/i },
  // A container whose read-write layer the layer store no longer holds (moby daemon "RWLayer of container %s is
  // unexpectedly nil"), and Docker ≤1.9's tag store unreadable ("Couldn't create Tag store: %s" over a JSON error).
  { id: 'data-root-corrupt', pattern: /RWLayer of container \S+ is unexpectedly nil/i },
  // dockerd's restore in older words ("Failed to load container %v: %v" with a container's config file gone, "Failed to
  // load container mount %v: mount does not exist" 1.12-20.10), the graph migration to content-addressable storage
  // (1.10-17.x: "Graph migration failed: %q. Your old graph data was found to be too inconsistent …"), 1.6-1.9's graph
  // ("Image stored at '%s' has wrong id '%s'"), and libnetwork's store (local-kv.db: "error while populating kmap: %v").
  // A container's leftover folder is skipped at restore and the daemon goes on (an interrupted removal): a hint.
  { id: 'data-root-corrupt', pattern: /Failed to load container [0-9a-f]{12,}: (?:open|stat) \S*\/(?:config(?:\.v2)?|hostconfig)\.json: no such file or directory|Failed to load container mount [0-9a-f]{12,}: mount does not exist/i, severity: 'info' },
  { id: 'data-root-corrupt', pattern: /Graph migration failed: |Image stored at '[0-9a-f]+' has wrong id '[0-9a-f]+'/i, severity: 'warning' },
  // (A timeout there is the store's file lock held a minute by another daemon on the same data root.)
  { id: 'data-root-corrupt', pattern: /failed to get bridge network configurations from store: error while populating kmap: (?!timeout)/i, severity: 'warning' },
  { id: 'var-lib-docker-shared', pattern: /failed to get bridge network configurations from store: error while populating kmap: timeout/i, severity: 'warning' },
  // containers/storage's overlay driver (Podman, Buildah, CRI-O) finding a layer's short link gone from overlay/l ("Can't
  // read link %q because it does not exist. A storage corruption might have occurred, attempting to recreate the missing
  // symlinks…"): its own verdict on its graph root, a hint while it repairs them (textRules: a warning once the repair
  // failed).
  { id: 'data-root-corrupt', pattern: STORAGE_CORRUPTION_WARNED, severity: 'info' },
  // Docker 1.x's graph: an image it lists whose layer is gone ("could not find image: no such id: %s").
  { id: 'data-root-corrupt', pattern: /could not find image: no such id: [0-9a-f]{12,}/i, severity: 'warning' },
  { id: 'data-root-corrupt', pattern: /Couldn't create Tag store: (?:unexpected end of JSON input|invalid character|EOF)/i },
  // The cache-id ones are logged while the daemon goes on (orphan-layer cleanup at start-up): a warning.
  { id: 'data-root-corrupt', pattern: /\b(?:failed to read|cannot get|invalid) cache ID\b/i, severity: (l, ctx) => quietBelowError(l, ctx) && 'warning' },
  // The layer store committing a pulled layer (layer/filestore.go: os.Rename of layerdb/tmp/layer-N to
  // layerdb/sha256/<chain id>, wrapped "failed to register layer: %v"): the final directory is already there, left by
  // an interrupted pull or a crash, and the metadata no longer matches the layers.
  { id: 'data-root-corrupt', pattern: /failed to register layer: rename \S{0,300}\/layerdb\/tmp\/\S{1,200} \S{0,300}\/layerdb\/sha256 ?\/\S{1,200}: (?:directory not empty|file exists)/i },
  // opencontainers/go-digest: a stored digest that does not parse.
  { id: 'data-root-corrupt', pattern: /invalid checksum digest (?:format|length)/i, severity: 'warning' },
  // Docker 1.10's migration to content-addressed layers (migrate/v1: "could not calculate checksum for %q, %q") over a
  // graph whose layer folder is gone: the data root lost layers it still lists (pasted lines often end at "no such").
  { id: 'data-root-corrupt', pattern: /could not calculate checksum for \S+,? .*\/var\/lib\/docker\/(?:\w+\/)+[0-9a-f]{12,}: no such\b/i, severity: 'warning' },
  // The aufs driver's record of a layer's parents (moby ≤20.10 graphdriver/aufs getParentIds reads aufs/layers/<id>):
  // missing, the daemon cannot mount the layer, and 0.x daemons stopped in initapi.
  { id: 'data-root-corrupt', pattern: /\/aufs\/layers\/(?:[0-9a-f]{12,}|<[\w-]+>|\.{3}): no such file or directory/i, severity: quietBelowError },
  // Image and layer metadata files the daemon expects and cannot find.
  // (Not under image/overlayfs/: that is the containerd image store's driver name, which keeps its layers in containerd,
  // so a tool reading layerdb there, such as cAdvisor, finds nothing on a healthy daemon.)
  { id: 'data-root-corrupt', pattern: /\/var\/lib\/docker\/image\/(?!overlayfs\/)\w+\/(?:layerdb|imagedb)\/\S+: no such file or directory/i, severity: quietBelowError },
  // Docker Desktop's own diagnostics (Docker for Mac 1.12+) checking its VM disk: qemu-img check exits 2 when it found
  // corruption (3 is leaked clusters only), and /var/lib/docker lives on that disk.
  { id: 'data-root-corrupt', pattern: /\bqemu-img check \S*Docker\.qcow2\b[^\n]*: exit 2\b/i, severity: 'warning' },
  // Docker 1.x removing a container whose shm mount another mount namespace still holds (moby daemon/delete.go
  // "Unable to remove filesystem for %v: %v"): Docker's documented cause is /var/lib/docker bind-mounted elsewhere.
  { id: 'var-lib-docker-shared', pattern: /Unable to remove filesystem for [0-9a-f]{12,}: remove \S*\/containers\/[0-9a-f]{12,}\/shm: device or resource busy/i, severity: 'warning' },
  // overlay2's Get/Diff stat a layer's folder (lstat <root>/overlay2/<id>): a layer the metadata lists and the disk lost.
  // Users often shorten the id ("…/overlay2/...: no such file").
  {
    id: 'data-root-corrupt',
    pattern: /\bl?stat \S{0,200}?\/overlay2?\/(?:[0-9a-f]{64}(?:-init)?|\.{3}|<[\w-]+>)(?:\/\S{0,200})?: no such file or directory/i,
    severity: (l, ctx) => quietBelowError(l, ctx) && 'warning',
  },
  // The kernel resolving an overlay layer's short link ("overlayfs: failed to resolve '%s': %i", -2 for ENOENT): a link
  // under overlay2/l/ (containers/storage: overlay/l/) is gone from the data root. moby passes it relative ('l/…') where
  // the mount data is long.
  { id: 'data-root-corrupt', pattern: /\boverlayfs: failed to resolve '(?:\S*\/overlay2?\/)?l\/[A-Z0-9]{20,}': -2\b/, severity: 'warning' },
  // overlay2 resolving a lower layer through its short link (readlink <root>/overlay2/l/<26 characters>) that is gone,
  // and an overlay mount whose lower links loop (ELOOP): the layer metadata and the folders no longer agree.
  {
    id: 'data-root-corrupt',
    pattern: /\breadlink \S*\/overlay2\/l\/[A-Z0-9]{20,}: no such file or directory|error creating overlay mount to \S+: too many levels of symbolic links/i,
    severity: (l, ctx) => quietBelowError(l, ctx) && 'warning',
  },
  // A file where the daemon keeps a folder of its data root (ENOTDIR on mkdir/open under /var/lib/docker).
  { id: 'data-root-corrupt', pattern: /\b(?:mkdir|open|stat|lstat) \/var\/lib\/docker\/\S+: not a directory/i, severity: 'warning' },
  // The containerd image store behind Docker 24+ (errdefs NotFound: "content digest %s: not found", snapshotter
  // "snapshot %v does not exist"): images whose content or snapshots the store lost, e.g. after switching stores. Not
  // when saving, exporting or pushing ("unable to create manifests file"): the store keeps only the platforms pulled, and
  // an image index naming others is exported with their content missing (a hint).
  {
    id: 'data-root-corrupt',
    pattern: /Error response from daemon: .*\bNotFound: (?:content digest sha256:[0-9a-f<>\w]+|snapshot sha256:[0-9a-f<>\w]+ does not exist): not found/i,
    severity: (l) => (/unable to create manifests file|\b(?:export|save|push)(?:ing)?\b/i.test(l) ? 'info' : 'warning'),
  },
  // The same stores as the daemon lists or unpacks: moby's containerd integration ("rw layer snapshot not found for
  // container %s") and containerd's content store ("blob %s expected at %s: %w" over ErrNotFound).
  { id: 'data-root-corrupt', pattern: /\brw layer snapshot not found for container [0-9a-f]{12,}/i, severity: 'warning' },
  { id: 'data-root-corrupt', pattern: /\bblob sha256:\S+ expected at \S+: blob not found\b/i, severity: 'warning' },
  // btrfs finding blocks that fail their checksum (fs/btrfs "csum failed root %llu ino %llu off %llu …"): the data on
  // that filesystem (a data root on btrfs, Unraid's docker.img) is damaged.
  { id: 'data-root-corrupt', pattern: /\bBTRFS (?:warning|error|critical) \(device [^)]+\): csum failed root \d+ ino \d+/i, severity: 'warning' },
  // EIO reading or writing the data root (a failing disk, or a damaged loop image such as Unraid's docker.img); web UIs
  // may pass the message on URL-encoded.
  { id: 'data-root-corrupt', pattern: /\/var\/lib\/docker\/\S{0,300}?:(?:\s|%20)+input\/output(?:\s|%20)+error/i, severity: 'warning' },
  // The kernel's own report of a damaged ext4 or xfs ("EXT4-fs error (device %s): %s:%d: inode #%lu: comm %s: %pV", xfs
  // "Corruption detected", "Metadata corruption detected at %pS"): a warning where the daemon or its runtime tripped on
  // it, a hint where the line names another program.
  { id: 'data-root-corrupt', pattern: /\bEXT4-fs error \(device [^)\n]{1,40}\):[^\n]{0,300}?\bcomm (?:dockerd|containerd|docker|runc|containerd-shim\S*)\b|\bXFS \([^)\n]{1,40}\): (?:Metadata )?[Cc]orruption detected/, severity: 'warning' },
  { id: 'data-root-corrupt', pattern: /\bEXT4-fs error \(device [^)\n]{1,40}\):/, severity: 'info' },
  // EUCLEAN ("structure needs cleaning", EFSCORRUPTED) is ext4's and xfs's word for metadata they found damaged, EBADMSG
  // ("bad message", EFSBADCRC) for a checksum that failed: on the data root, fsck is the fix (the disk's fault, not a
  // second daemon's). (cgroup v2 returns EUCLEAN for a write that breaks its no-internal-processes rule: not this.)
  {
    id: 'data-root-corrupt',
    pattern: /\/(?:var\/lib\/docker|overlay2?|containers|image|volumes)\/\S{0,300}?: (?:structure needs cleaning|bad message)\b/i,
    severity: (l) => (/cgroup/i.test(l) ? null : 'warning'),
  },
  // EREMOTE from overlayfs on a layer another daemon's mount holds.
  { id: 'var-lib-docker-shared', pattern: /\/overlay2?\/[0-9a-f]{12,}\/\S*: object is remote/i, severity: 'warning' },
  // Other agents' own pid-file guard in the same words (dockercloud-agent: "Found pid file, make sure that %s is not
  // running or remove %s"): a restarted container that kept its /var/run.
  { id: 'stale-pidfile', pattern: /Found pid file, make sure that \S+ is not running or remove \S+/i, severity: 'warning' },
];

// A dind container killed or restarted, and then its daemon unreachable: dockerd finds the pid file the last run left
// in the container's /var/run (kept across a restart) and refuses to start unless the entrypoint deletes it, as
// docker:dind's does. A hint: the text tells the sequence, not the refusal.
const RESTARTED = /\bdocker (?:container )?(?:kill|restart|start)\b|\b(?:after|on) (?:a |the )?(?:container )?(?:restart|reboot|docker kill)\b|\b(?:was|got|is) (?:killed|restarted)\b/i;
const DIND = /\bdind\b|docker-in-docker|\bdocker:[\w.-]*dind\b/i;
const UNREACHABLE = /Cannot connect to the Docker daemon|Is the docker daemon running\?/i;

// containerd crashing at start (dockerd's "containerd did not exit successfully" with a signal or an exit status, or a Go
// panic's trace) in the goroutine that opens its metadata database (a frame in the metadata plugin's init, or in bbolt):
// its meta.db is unreadable, whatever panic line the paste left out. A hint.
const CONTAINERD_CRASHED = /containerd did not exit successfully\b[^\n]*(?:signal:|exit status)|^[^\n]*\bpanic: |\bgoroutine \d+ \[running\]:/;
// A Go runtime bounds panic whose frames are bbolt reading a page's elements: the page's bytes are not a
// page (a torn or overwritten file), whichever database it is.
// (bbolt 1.4+ moved them to internal/common: UnsafeByteSlice, (*leafPageElement).Key, (*Page).) Only frames of the
// panicking goroutine count: its stack, up to the next goroutine's header.
const RUNTIME_PANIC = /^[^\n]*\bpanic: runtime error: (?:slice bounds out of range|index out of range)/;
const BOLT_PAGE_FRAME = /\b(?:go\.etcd\.io\/bbolt(?:\/internal\/common)?|github\.com\/boltdb\/bolt)\.(?:[Uu]nsafeByteSlice|\(\*(?:leaf|branch)PageElement\)\.(?:[Kk]ey|[Vv]alue)|\(\*[Pp]age\)\.\w+)\(/;
const GOROUTINE_HEADER = /^[^\n]*\bgoroutine \d+ \[/;

function boltPagePanic(lines: readonly string[]): TextHit[] {
  const panic = lines.findIndex((l) => RUNTIME_PANIC.test(l));
  if (panic < 0) return [];
  const header = lines.findIndex((l, i) => i > panic && GOROUTINE_HEADER.test(l));
  if (header < 0) return [];
  for (let i = header + 1; i < lines.length && !GOROUTINE_HEADER.test(lines[i]); i++) {
    if (BOLT_PAGE_FRAME.test(lines[i])) return [{ index: i, severity: 'warning' }];
  }
  return [];
}
const METADATA_OPEN_FRAME = /\bcreated by github\.com\/containerd\/containerd(?:\/v2)?\/(?:(?:core\/)?metadata\/plugin|plugins\/metadata)\.init\b|\bgo\.etcd\.io\/bbolt\.(?:Open|\(\*DB\)\.(?:init|mmap|loadFreelist))\b/;

export const dataRootTextRules: TextRule[] = [
  { id: 'data-root-corrupt', scan: (lines) => boltPagePanic(lines) },
  beside('data-root-corrupt', STORAGE_CORRUPTION_WARNED, LAYER_LINK_UNREADABLE, 'warning'),
  beside('data-root-corrupt', METADATA_OPEN_FRAME, CONTAINERD_CRASHED, 'info'),
  {
    id: 'stale-pidfile',
    scan(lines) {
      if (!lines.some((l) => DIND.test(l)) || !lines.some((l) => UNREACHABLE.test(l))) return [];
      const index = lines.findIndex((l) => RESTARTED.test(l));
      return index >= 0 ? [{ index, severity: 'info' }] : [];
    },
  },
];
