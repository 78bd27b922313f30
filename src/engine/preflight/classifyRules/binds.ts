// Bind mounts whose source the daemon resolves on a filesystem other than the client's: docker-outside-of-docker,
// Docker Desktop's file sharing, CI workspaces, and the daemon's own refusals of a bind spec.
import { escapeRegExp } from '../../core/words';
import { beside, LineRule, TextHit, TextRule } from './types';

// A listing's row of a root-owned folder with no subfolders (two links) named like a file of a kind people bind one by
// one (a script, a config, a certificate): Docker makes a bind's missing source a folder, as root, on the daemon's host,
// the symptom of a path resolved on another host (a sibling of a dev container, a remote daemon). A hint, and only where
// the folder is empty by its size (tmpfs's and overlay's 40-60 bytes) or the paste binds that name: on ext4 a folder of
// files is 4096 bytes as well.
const FOLDER_NAMED_AS_FILE = /^\s*d[rwxsStT-]{9}[.+@]?\s+2\s+root\s+root\s+(\d+)\s[^\n]{0,40}?\s([\w.-]+\.(?:sh|bash|py|js|mjs|json|ya?ml|conf|cnf|cfg|ini|toml|env|sql|xml|properties|pem|crt|key|txt|lua|rb|pl|php))\s*$/;
function folderNamedAsFile(lines: readonly string[]): TextHit[] {
  for (let i = 0; i < lines.length; i++) {
    const row = FOLDER_NAMED_AS_FILE.exec(lines[i]);
    if (!row) continue;
    const name = escapeRegExp(row[2]);
    const bound = new RegExp(`(?:(?:-v|--volume)[= ]['"]?|\\bsource=|^\\s*-\\s+['"]?)\\S*?\\b${name}[:,]`);
    if (Number(row[1]) <= 60 || lines.some((l) => bound.test(l))) return [{ index: i, severity: 'info' }];
  }
  return [];
}

export const bindRules: LineRule[] = [
  // Packer's docker builder copying an upload out of the folder it bound at /packer-files (its container_dir): "Upload
  // failed with non-zero exit status" where that folder came up empty, as a Packer in a container using the host's socket
  // sees (the host resolves the bound path). A hint: a user the image runs as that cannot write there reads the same.
  {
    id: 'dood-volume-path',
    pattern: /\bError uploading script: Upload failed with non-zero exit status/i,
    severity: 'info',
    hint: 'Packer\'s docker builder binds a temporary folder of its own into the build container by path. If Packer runs in a container that uses the host\'s Docker socket, the host looks that path up on its own disk, where it is empty: run Packer on the host, or point PACKER_TMP_DIR at a folder bound at the same path in both.',
  },
  // Docker 1.x's "Container command '%s' not found or does not exist." for a script the client had just written into a
  // bound folder: with a shared daemon the folder is resolved on the daemon's host, where the script is not. A hint: a
  // wrong command reads the same.
  {
    id: 'dood-volume-path',
    pattern: /\bContainer command '\/[^']+\.(?:sh|py|bash)' not found or does not exist/i,
    severity: 'info',
    hint: 'The container\'s command is a script the client wrote into a bound folder. If the client talks to a daemon on another host (a mounted socket, DOCKER_HOST), that folder is read on the daemon\'s host: bind a path that exists there, the same on both.',
  },
  // moby volume/mounts "bind source path does not exist: %s"; swarm's executor "invalid bind mount source,
  // source path not found: %s" (as users retell it, "bind mount source path does not exist").
  // A missing folder under /Users is missing on the Mac itself (Docker Desktop shares /Users whole): a hint only.
  {
    id: 'dood-volume-path',
    pattern: /bind (?:mount )?source path does not exist|invalid bind mount source, source path not found/i,
    severity: (l) => (/\bdoes not exist: \/Users\//.test(l) ? 'info' : 'error'),
  },
  // dockerd's own socket path already a directory ("can't create unix socket %s: %v" with EISDIR; `ls` shows
  // "docker.sock/" or a "d" mode): a container bind-mounting the socket, restarted before the daemon made it, had the
  // runtime create the missing source as a folder.
  { id: 'dood-volume-path', pattern: /can't create unix socket \S*\.sock: is a directory/i, severity: 'warning' },
  // The same for a config file a container binds (Go's "read %s: is a directory", Python's IsADirectoryError, busybox
  // sed -i's "can't move '%s' to '%s': %m" over it, GNU sed's "couldn't edit %s: not a regular file" and "read error on
  // %s: %s"): the source was missing on the daemon's host when the container was created, so the runtime made a folder
  // there. A hint: a user's own mistaken path reads the same.
  { id: 'dood-volume-path', pattern: /\bread \/\S+\.(?:ya?ml|json|toml|conf|cfg|ini|properties|xml|env): is a directory|\bIsADirectoryError: \[Errno 21\] Is a directory: '\/[^']+\.(?:ya?ml|json|toml|conf|cfg|ini|properties|xml|env)'|\bcan't move '[^']+' to '[^']+\.(?:ya?ml|json|toml|conf|cfg|ini|properties|xml|env)': Is a directory|\bsed: (?:couldn't edit \S+\.(?:ya?ml|json|toml|conf|cfg|ini|properties|xml|env): not a regular file|read error on \S+\.(?:ya?ml|json|toml|conf|cfg|ini|properties|xml|env): Is a directory)/i, severity: 'info' },
  // Nextflow's task finding no wrapper script in its work folder ("bash: .command.run: No such file or directory"): the
  // work folder was not bound into the task's container at the path Nextflow gave, as when Nextflow runs in a container
  // on a mounted socket and the daemon resolves that path on its host. A hint: a work folder on storage the host does
  // not share reads the same.
  { id: 'dood-volume-path', pattern: /\bbash: \.command\.run: No such file or directory/, severity: 'info' },
  { id: 'dood-volume-path', pattern: /(?:^|\s)(?:\S*\/)?docker\.sock\/(?=\s|$)|^d[rwx-]{9}[.+@]?[ \t]+\d+[ \t]+\S+[ \t]+\S+[ \t]+\d+[ \t]+\w{3}[ \t]+\d+[ \t]+[\d:]+[ \t]+\S*docker\.sock[ \t]*$/m, severity: 'info' },
  // GitHub's and Azure Pipelines' runners in a container using the host's socket: a container job's /__w (work), /__e
  // and /__a/externals (the runner's own node) are the runner's folders bound by path, which the host daemon resolves
  // on the host, so the step script or node the runner put there is missing ("Can't open /__w/_temp/<id>.sh",
  // runc's `exec: "/__a/externals/node/bin/node": stat …: no such file or directory`).
  { id: 'dood-volume-path', pattern: /(?:Can't open|cannot open|No such file or directory)[^\n]{0,20}\/__w\/_temp\/[\w.-]{1,200}\.sh|\/__w\/_temp\/[\w.-]{1,200}\.sh: (?:No such file or directory|not found)/i, severity: 'warning' },
  { id: 'dood-volume-path', pattern: /exec: \\?"\/__(?:a\/externals|e|w)\/[^"\\\s]+\\?": stat \/__(?:a\/externals|e|w)\/\S+: no such file or directory/i, severity: 'warning' },
  // /proc/self/mountinfo in the container: a Mac or Windows user's folder (/c/Users/…, /Users/…) bound from the root of
  // a tmpfs is a path the daemon's VM (Docker Desktop's root is a tmpfs) created empty, not the user's files.
  { id: 'dood-volume-path', pattern: /^\s*\d+ \d+ \d+:\d+ \/(?:[a-z]\/)?Users\/\S+ \/\S* \S+(?: \S+:\S+)* - tmpfs /, severity: 'warning' },
  // moby daemon/volume/mounts: a -v source missing on the daemon's host that it then fails to create
  // ("error while creating mount source path '%s': %w"; snap and Desktop daemons see another filesystem).
  { id: 'dood-volume-path', pattern: /error while creating mount source path/i },
  // The same refused as a read-only file system outside the kernel's and the daemon's own folders: a confined daemon (the snap's AppArmor
  // profile and mount namespace let it write only its own data locations): a hint.
  { id: 'apparmor-denied', pattern: /error while creating mount source path '[^']*': mkdir \/(?!(?:sys|proc|dev|run|var\/lib\/docker)\/)\S+: read-only file system/i, severity: 'info' },
  // Docker 0.7-0.8 checked a bind's source itself (container.go "Invalid bind mount '%s' : source doesn't exist").
  { id: 'dood-volume-path', pattern: /Invalid bind mount '[^']+' : source doesn't exist/i },
  // AWS SAM CLI builds in a container with the source folder bound at /tmp/samcli/source (aws-lambda-builders then
  // "Requirements file not found: %s"): a file missing there is often a path the daemon resolved on another machine,
  // sometimes one truly missing: a hint.
  { id: 'dood-volume-path', pattern: /\bnot found: \/tmp\/samcli\/source\/\S+/i, severity: 'info' },
  // Docker ≤1.12 created a missing -v source with a bare MkdirAll ("Error response from daemon: mkdir %s: %v"): on a
  // read-only host root the client's path does not exist where the daemon runs. Its own folders are other causes.
  {
    id: 'dood-volume-path',
    pattern: /Error response from daemon: mkdir \/(?!(?:sys|proc|dev|run|var\/lib\/docker)\/)\S+: read-only file system/i,
    severity: 'warning',
  },
  // Jenkins on a mounted socket: docker-workflow "Jenkins seems to be running inside container %s"
  // / "but %s could not be found among %s", and durable-task's control directory missing in the sibling.
  { id: 'dood-volume-path', pattern: /\bbut \S+ could not be found among \[/ },
  { id: 'dood-volume-path', pattern: /@tmp\/durable-[0-9a-f]+\/\S+: Directory nonexistent/i },
  { id: 'dood-volume-path', pattern: /Are you trying to mount a directory onto a file \(or vice-versa\)\?/i },
  // @actions/github in a container action ("GITHUB_EVENT_PATH %s does not exist"): the runner binds its temp folder at
  // /github/workflow; a runner in a container with the host's socket binds a path of its own that the host lacks.
  { id: 'dood-volume-path', pattern: /\bGITHUB_EVENT_PATH \/github\/workflow\/event\.json does not exist\b/, severity: 'info' },
  // Komodo's Periphery agent, in a container driving the host's engine, checking a "files on host" stack it was told
  // lives at a host path ("A compose file doesn't exist after writing stack"): the agent sees only what it binds, so the
  // same path must be bound into it. A hint: a wrong run directory says the same.
  { id: 'dood-volume-path', pattern: /\bA compose file doesn't exist after writing stack\b/i, severity: 'info' },
  // A bind source inside a container's merged root (<data root>/overlay2/<id>/merged/…, aufs/mnt/<id>/…): a tool that translated its
  // own container's path for a daemon it assumes is its host's (cross, act); any other daemon sees nothing there.
  { id: 'dood-volume-path', pattern: /(?:-v|--volume)[= ]\S{0,200}?\/(?:overlay2?\/[\w-]{12,}\/merged|aufs\/mnt\/[\w-]{12,})(?:\/[^\s:]*)?:/, severity: 'warning' },
  // The same bind of a file onto a directory (or back) before dockerd added that hint, and from clients
  // that print runc's error alone: rc-era "mounting %q to rootfs %q at %q caused \"not a directory\"",
  // 1.1+ "error mounting %q to rootfs at %q: mount %s:%s (via /proc/self/fd/%d), flags: %#x: not a directory".
  // runc 0.1 (Docker 1.11) only said "could not synchronise with container process: not a directory".
  { id: 'dood-volume-path', pattern: /could not synchronise with container process: not a directory/i },
  // Bitbucket Pipelines' authorization plugin: a shared daemon that binds only the clone directory ("-v only
  // supports $BITBUCKET_CLONE_DIR and its subdirectories", "--mounts is not allowed").
  { id: 'dood-volume-path', pattern: /authorization denied by plugin \S+: (?:-v only supports \S+ and its subdirectories|--mounts? is not allowed)/i },
  { id: 'dood-volume-path', pattern: /mounting "\/[^"]*" to rootfs (?:"[^"]*" )?at "[^"]*"[^\n]*\bnot a directory\b/i },
  // A Linux daemon given a Windows client's path (Docker ≤1.12 "cannot bind mount volume: %s volume paths must be
  // absolute."): the daemon runs in a VM, on another filesystem than the client's.
  { id: 'dood-volume-path', pattern: /cannot bind mount volume: \S+ volume paths must be absolute/i, severity: 'warning' },
  // The same in the mount API's words (volume/mounts "invalid mount path: '%s' mount path must be absolute") for a bind
  // given a drive-letter path. Not a volume's: that path is the target in the container, a client's own bug.
  { id: 'dood-volume-path', pattern: /invalid mount config for type "bind": invalid mount path: '[A-Za-z]:[\\/][^'\n]{0,300}' mount path must be absolute/i, severity: 'warning' },
  // docker-workflow deciding Jenkins is not in a container ("Jenkins does not seem to be running inside a container"),
  // so it binds its workspace by path: right on a host, wrong where Jenkins runs in a container it did not recognise.
  { id: 'dood-volume-path', pattern: /Jenkins does not seem to be running inside a container/i, severity: 'info' },
  // The daemon makes a container's working directory in its root filesystem before the mounts go over it, so runc
  // finding no cwd ("chdir to cwd (%q) set in config.json failed: %w") means a bind covered it with a folder that
  // lacks it: usually a source resolved on another filesystem than the client's (a CI job's workspace, a mounted socket).
  { id: 'dood-volume-path', pattern: /chdir to cwd \(\\?"[^"]*\\?"\) set in config\.json failed: no such file or directory/i, severity: 'warning' },
  // Docker Desktop's file sharing: "Mounts denied: \nThe path %s is not shared from the host and is not known to Docker.",
  // and Docker for Windows' older "Mount denied:\nThe source path %s\ndoesn't exist and is not known to Docker.".
  { id: 'dood-volume-path', pattern: /Mounts? denied:|is not shared from (?:the )?(?:host|OS X) and is not known to Docker|doesn't exist and is not known to Docker/i },
  // Docker for Windows (Hyper-V era) refusing a drive not shared into its VM ("%s drive is not shared. Please share it
  // in Docker for Windows Settings"). Podman's API in its machine VM making a bind source it cannot see ("making volume
  // mountpoint for volume %s: mkdir %s: …" on the VM's immutable root, or where its user may not write), or a Mac-side path it cannot stat ("statfs
  // /Users/…", "/private/var/folders/…": macOS paths the VM shares only in part, if at all).
  { id: 'dood-volume-path', pattern: /\b[A-Z]: drive is not shared\. Please share it in Docker/i, severity: 'warning' },
  { id: 'dood-volume-path', pattern: /making volume mountpoint for volume \S+: mkdir \S+: (?:operation not permitted|read-only file system|permission denied)/i, severity: 'warning' },
  { id: 'dood-volume-path', pattern: /\bstatfs \/(?:Users|private\/var\/folders|var\/folders)\/[^\s:]{0,300}(?:podman|\.sock)[^\s:]{0,100}: /, severity: 'warning' },
  // A bind source at the daemon's usual data root made on a read-only /var/lib (a swarm task's "mkdir /var/lib/docker:
  // read-only file system"): the daemon there keeps its data elsewhere (the snap's /var/snap/docker), so a service that
  // binds /var/lib/docker for the host's data sees nothing: a hint.
  { id: 'dood-volume-path', pattern: /\bmkdir \/var\/lib\/docker: read-only file system\s*$/i, severity: 'info' },
  // The daemon's bind spec parser (volume/mounts: "invalid mode: %v") given a mode that is a path: the source held a
  // colon of its own, a Windows drive path sent to a Linux daemon by a program running beside it, or a client that
  // quoted its -v argument wrongly: a hint.
  { id: 'dood-volume-path', pattern: /\binvalid mode: \/\S*/i, severity: 'info' },
];

// LocalStack's Lambda executor running each function through the socket with its code bound from LocalStack's own /tmp
// (`docker run … -v "/tmp/localstack/zipfile.<id>":/var/task`): a host daemon finds no such folder, so the function
// starts with an empty /var/task (Runtime.HandlerNotFound, Runtime.ImportModuleError), unless HOST_TMP_FOLDER names
// the host's path. A hint: with HOST_TMP_FOLDER right the command reads the same, and a handler's own typo says so too.
// LocalStack's launcher warns of the same before it runs one ("HOST_TMP_FOLDER not configured - this may break Lambda
// Docker container startup").
const LAMBDA_BIND = /\bdocker run\b[^\n]{0,1000}?-v \\?"?\/tmp\/localstack\/zipfile\.[\w.-]+\\?"?:\/var\/task\b/;
const LAMBDA_EMPTY = /Runtime\.(?:HandlerNotFound|ImportModuleError)\b|HOST_TMP_FOLDER not configured - this may break Lambda Docker container startup/;
// SAM CLI's local invoke the same way: it binds the project folder at /var/task ("Mounting %s as /var/task:ro,delegated
// inside runtime container", later "…:ro,delegated, inside …"), which a daemon on another machine (docker-machine's VM, a
// remote DOCKER_HOST) resolves on its own disk: the runtime then finds no handler ("Cannot find module '/var/task/…'",
// Node's bare "Unable to import module 'app': Error", Python's "No module named" for the handler's own module; a missing
// dependency names another). A hint: a handler's own typo reads the same.
const SAM_BIND = /\bMounting \S+ as \/var\/task:ro(?:,delegated)?,? inside runtime container\b|\bDOCKER_MACHINE_NAME=|\bDOCKER_HOST=tcp:\/\//;
const LAMBDA_MODULE_MISSING = /Cannot find module '\/var\/task\/|\bUnable to import module '([^'\n]+)': (?:Error\s*$|No module named '\1')|Runtime\.(?:HandlerNotFound|ImportModuleError)\b/;

// Podman's CLI refusing a bind whose source its engine cannot find ("Error: statfs %s: no such file or directory"), the
// same path bound in the command shown: a path on the client's side only (a docker.sock that is a symlink to podman's, a
// CI agent's folder). Without the bind shown it is any tool's statfs.
const STATFS_MISSING = /^Error: statfs (\/[^\s:]{1,300}): no such file or directory/;
const BIND_SOURCE = /(?:-v|--volume)[= ]['"]?(\/[^\s:'"]{1,300})['"]?:|\b(?:src|source)=(\/[^\s,'"]{1,300})/g;
const bare = (path: string) => path.replace(/\/+$/, '') || '/';

function boundSourceMissing(lines: readonly string[]): TextHit[] {
  const missing = lines.map((l) => STATFS_MISSING.exec(l)?.[1]);
  if (!missing.some((p) => p)) return [];
  const bound = new Set<string>();
  for (const l of lines) for (const m of l.matchAll(BIND_SOURCE)) bound.add(bare(m[1] ?? m[2]));
  const index = missing.findIndex((p) => p !== undefined && bound.has(bare(p)));
  return index >= 0 ? [{ index, severity: 'warning' }] : [];
}

// A paste that starts a container with the daemon's socket bound into it (or points its client at another host's daemon:
// minikube's or docker-machine's env, a tcp or ssh DOCKER_HOST, a context other than the local ones), then runs a sibling with a bind mount, and then shows a
// file missing or a file that came out a folder (`ls -ld` "drwx…"): the bind's source was resolved on the daemon's host,
// not where the command ran. A hint: the paste cannot show where the second command ran.
const SOCKET_BOUND = /\b(?:docker|podman)\s+(?:container\s+)?(?:run|create)\b[^\n]{0,600}?(?:-v|--volume)[= ]['"]?\S*sock\S*:\S*sock|\beval\s+"?\$\((?:minikube|docker-machine)\s+(?:-p\s+\S+\s+)?(?:docker-)?env\b|\bexport\s+DOCKER_HOST=["']?(?:tcp|ssh):\/\/|\bdocker\s+context\s+use\s+(?!(?:default|rootless|desktop-linux)\s*$)\S/;
const SIBLING_BIND = /\b(?:docker|podman)\s+(?:container\s+)?(?:run|create)\b[^\n]{0,600}?(?:-v|--volume)[= ]['"]?(?![^\s:]*sock)[^\s:'"]+:\//;
const BIND_SYMPTOM = /No such file or directory|can't open file|\bnot found\b|\bis a directory\b|\bdirectory\s*$|\bempty\b/i;
// A listing's folder row ("drwx… file.txt") named as the bind's target: a file that came out a folder.
const LISTED_AS_FOLDER = /^\s*d[rwxsStT-]{9}[.+@]?\s+\d+\s[^\n]*?\s(\S+)\s*$/;
const BIND_TARGET = /(?:-v|--volume)[= ]['"]?[^\s:'"]+:(\/[^\s:'"]+)/g;
const boundTargets = (line: string): string[] => [...line.matchAll(BIND_TARGET)].flatMap((m) => [m[1], m[1].split('/').pop() ?? '']).filter(Boolean);
function listedAsFolder(line: string, targets: readonly string[]): boolean {
  const name = LISTED_AS_FOLDER.exec(line)?.[1];
  return !!name && targets.includes(name);
}
function siblingBindAfterSocket(lines: readonly string[]): TextHit[] {
  const socket = lines.findIndex((l) => SOCKET_BOUND.test(l));
  if (socket < 0) return [];
  const sibling = lines.findIndex((l, i) => i > socket && SIBLING_BIND.test(l));
  if (sibling < 0) return [];
  const targets = boundTargets(lines[sibling]);
  const symptom = lines.findIndex((l, i) => i > sibling && (BIND_SYMPTOM.test(l) || listedAsFolder(l, targets)));
  return symptom >= 0 ? [{ index: sibling, severity: 'info' }] : [];
}

// A bind's target listed empty (`ls -a` of it answering "." and ".." alone) where the paste names it as a bind's
// destination (`-v SRC:TARGET`, docker inspect's "Destination"): the source was resolved, and made empty, on a daemon
// host that does not have it. A hint: an empty source folder looks the same.
const LS_ALL = /\bls\s+-\w*a\w*\s+["']?(\/[^\s'"]+?)\/?["']?\s*$/;
// The same at a shell whose prompt shows the target as its working folder (bash's `user@host:/data#`, busybox's
// `/data # `): `ls -a` with no path, or a plain `ls` that printed nothing before the next prompt (unless an `ls -a`
// follows, whose listing then decides: a plain `ls` hides dotfiles).
const PROMPT_CWD = /^\s*(?:[\w.-]+@[\w.-]+:(\/[^\s#$]*)[#$]|(\/[\w./-]*) #)\s*/;
const PROMPT_LS_ALL = /^ls\s+-\w*a\w*\s*$/;
const PROMPT_LS = /^ls\s*$/;
function promptCwd(line: string): { cwd: string; command: string } | undefined {
  const m = PROMPT_CWD.exec(line);
  return m ? { cwd: (m[1] ?? m[2]).replace(/(.)\/$/, '$1'), command: line.slice(m[0].length).trim() } : undefined;
}
const DOT_ROW = /^\s*d[rwxsStT-]{9}[.+@]?\s+\d+\s[^\n]*\s\.\.?\s*$/;
const TOTAL_ROW = /^\s*total \d+\s*$/;
const LONG_ROW = /^\s*[dlcbps-][rwxsStT-]{9}[.+@]?\s+\d+\s/;
// The target named as a bind's destination: a host path's (`-v /src:T`, `-v ./src:T`, `-v $(pwd):T`, `-v ~/src:T`,
// `-v C:\\src:T`; a named volume starts empty, so it says nothing) or docker inspect's "Destination". The option must
// start a word, so that a long run of option-like text is not tried at every position.
function boundAt(lines: readonly string[], target: string): boolean {
  const t = escapeRegExp(target);
  const named = new RegExp(`"Destination":\\s*"${t}"|(?<!\\S)(?:-v|--volume)[= ]["']?(?:[/~.$\`]|[A-Za-z]:)\\S*:${t}(?=[:\\s"']|$)`);
  return lines.some((l) => named.test(l));
}
const LS_ALL_LATER = /\bls\s+-\w*[aA]/;
/** A plain `ls` on line i printed nothing before the next prompt, and no `ls -a` comes after it (at or past `lastLsAll`). */
function plainLsEmpty(lines: readonly string[], i: number, lastLsAll: number): boolean {
  let next = i + 1;
  while (next < lines.length && lines[next].trim() === '') next++;
  return next < lines.length && promptCwd(lines[next]) !== undefined && lastLsAll < next;
}
function bindTargetListedEmpty(lines: readonly string[]): TextHit[] {
  let lastLsAll = -1;
  lines.forEach((l, j) => {
    if (LS_ALL_LATER.test(l)) lastLsAll = j;
  });
  for (let i = 0; i < lines.length; i++) {
    const atPrompt = promptCwd(lines[i]);
    if (atPrompt && PROMPT_LS.test(atPrompt.command) && atPrompt.cwd !== '/') {
      if (plainLsEmpty(lines, i, lastLsAll) && boundAt(lines, atPrompt.cwd)) return [{ index: i, severity: 'info' }];
      continue;
    }
    const target = LS_ALL.exec(lines[i])?.[1] ?? (atPrompt && PROMPT_LS_ALL.test(atPrompt.command) && atPrompt.cwd !== '/' ? atPrompt.cwd : undefined);
    if (!target) continue;
    // The listing may follow a line or two of the report's words; it ends at its first line that is no listing row.
    const start = lines.findIndex((l, j) => j > i && j <= i + 6 && (TOTAL_ROW.test(l) || LONG_ROW.test(l)));
    if (start < 0) continue;
    let end = start;
    while (end < lines.length && (TOTAL_ROW.test(lines[end]) || LONG_ROW.test(lines[end]))) end++;
    const rows = lines.slice(start, end).filter((l) => LONG_ROW.test(l));
    if (rows.length !== 2 || !rows.every((l) => DOT_ROW.test(l))) continue;
    if (boundAt(lines, target)) return [{ index: i, severity: 'info' }];
  }
  return [];
}

// Airflow's DockerOperator (docker provider 2.x) runs every task through "_run_image_with_mounts(self.mounts +
// [tmp_mount], …)", binding a temporary folder of the worker's: the frame is in any failed task's traceback, so only beside
// the daemon refusing the container's creation (400 on /containers/create) or the bind's source missing.
const AIRFLOW_TMP_MOUNT = /\b_run_image_with_mounts\(self\.mounts \+ \[tmp_mount\]/;
const CREATE_REFUSED = /\b400 Client Error: Bad Request for url: \S*\/containers\/create\b|bind source path does not exist: \S*airflowtmp/i;
const AIRFLOW_TMP_HINT =
  'Airflow\'s DockerOperator binds a temporary folder of the worker into the task container. When the daemon runs on another host than the worker (a mounted socket, DOCKER_HOST), that folder does not exist there: set mount_tmp_dir=False on the operator, or bind a folder that exists at the same path on both.';
function airflowTmpMountRefused(lines: readonly string[]): TextHit[] {
  const index = lines.findIndex((l) => AIRFLOW_TMP_MOUNT.test(l));
  return index >= 0 && lines.some((l) => CREATE_REFUSED.test(l)) ? [{ index, severity: 'info', hint: AIRFLOW_TMP_HINT }] : [];
}

// Lima's shell (limactl shell, behind finch, colima and Rancher Desktop) changing into the host's folder inside the VM
// ("bash: line 1: cd: %s: No such file or directory"): the folder is not shared into the VM, so neither are binds below
// it. A hint.
const LIMA_SHELL = /\blimactl\b|\bLIMA_HOME\b/;
const VM_CD_MISSING = /\bbash: line \d+: cd: \/\S[^:\n]*: No such file or directory/;
const LIMA_SHARE_HINT =
  'The folder is not shared into the engine\'s VM (Lima, and finch, colima and Rancher Desktop on it, share only your home folder by default), so a bind from it finds nothing there. Add it to the VM\'s shared folders (finch: additional_directories; colima: --mount; Lima: mounts in the instance\'s yaml) and restart the VM.';
function limaFolderNotShared(lines: readonly string[]): TextHit[] {
  if (!lines.some((l) => LIMA_SHELL.test(l))) return [];
  const index = lines.findIndex((l) => VM_CD_MISSING.test(l));
  return index >= 0 ? [{ index, severity: 'info', hint: LIMA_SHARE_HINT }] : [];
}

// serverless-python-requirements' dockerizePip ("Serverless: Running docker run --rm -v %s:/var/task…") whose pip then
// finds no requirements file in the bound folder: with the host's socket in a CI container, the folder is resolved on the
// host. A hint.
const SLS_DOCKERIZE = /\bServerless: Running docker run\b[^\n]*\s-v \S+:\/var\/task\b/;
const SLS_NO_REQUIREMENTS = /\bCould not open requirements file: \[Errno 2\] No such file or directory: '\/var\/task\//;
function dockerizedPipFoundNothing(lines: readonly string[]): TextHit[] {
  if (!lines.some((l) => SLS_DOCKERIZE.test(l))) return [];
  const index = lines.findIndex((l) => SLS_NO_REQUIREMENTS.test(l));
  return index >= 0 ? [{ index, severity: 'info' }] : [];
}

// Synology's engine refusing a bind whose source it cannot find ("Bind mount failed: '%s' does not exists") in a paste
// that binds the host's socket into a container (a management panel such as 1Panel or Portainer, a CI runner): the panel
// asked for a path of its own, which the host looks up on its disk. A hint: without the socket it is a folder not made yet.
const SYNOLOGY_BIND_MISSING = /\bBind mount failed: '\/[^'\n]+' does not exists?\b/;
const HOST_SOCKET_BOUND = /(?:^|[\s'"=-])\/(?:var\/)?run\/docker\.sock:\/(?:var\/)?run\/docker\.sock\b/;

export const bindTextRules: TextRule[] = [
  beside('dood-volume-path', SYNOLOGY_BIND_MISSING, HOST_SOCKET_BOUND, 'info'),
  { id: 'dood-volume-path', scan: (lines) => dockerizedPipFoundNothing(lines) },
  { id: 'dood-volume-path', scan: (lines) => limaFolderNotShared(lines) },
  { id: 'dood-volume-path', scan: (lines) => airflowTmpMountRefused(lines) },
  beside('dood-volume-path', LAMBDA_BIND, LAMBDA_EMPTY, 'info', 'messages'),
  beside('dood-volume-path', LAMBDA_MODULE_MISSING, SAM_BIND, 'info', 'messages'),
  { id: 'dood-volume-path', scan: (lines) => siblingBindAfterSocket(lines) },
  { id: 'dood-volume-path', scan: (lines) => boundSourceMissing(lines) },
  { id: 'dood-volume-path', scan: (lines) => bindTargetListedEmpty(lines) },
  { id: 'dood-volume-path', scan: (lines) => folderNamedAsFile(lines) },
];
