// A level, its daemon or its workload out of memory: the kernel's OOM killer, SIGKILL as builders and shells report it,
// the orchestrators' own words for a killed container.
import { LineRule } from './types';

/** The kernel's OOM killer at work (a rule below; context.ts reads whose limit it was). */
export const OOM_KILL = /\binvoked oom-killer: gfp_mask=|\b(?:Memory cgroup out of memory|Out of memory): Kill(?:ed)? process \d+|\boom-kill:constraint=CONSTRAINT_\w+|\bkilled as a result of limit of \//i;

/** The engine's unit ended by SIGKILL as systemd records it (a hint below; context.ts reads a stop past its timeout). */
export const ENGINE_UNIT_KILLED = /\b(?:docker|containerd)\.service: Main process exited, code=killed, status=9\/KILL\b/i;

export const memoryLimitRules: LineRule[] = [
  // The kernel's OOM killer at work (mm/oom_kill.c "%s invoked oom-killer: gfp_mask=…", "Memory cgroup out of memory:
  // Killed process %d (%s)" (≤5.x "Kill process %d (%s) score %u or sacrifice child"), "Out of memory: Killed process",
  // "oom-kill:constraint=%s,…" (MEMCG, or NONE for the whole machine); cgroup v1 memcontrol.c "Task in %s killed as a result of limit of %s"): a
  // level or its machine out of memory. A warning: the text shows the kill, not which limit a level should get.
  // Bitbucket Pipelines killing its docker service (the job's dind daemon, 1 GB unless the pipeline says otherwise):
  // "Container 'docker' exceeded memory limit.", and later "Service 'docker' exceeded memory limit.".
  { id: 'memory-limit', pattern: /(?:Container|Service) ['‘’"]?docker['‘’"]? exceeded memory limit/i },
  // Windows creating a Hyper-V isolated container's utility VM (HCS CreateComputeSystem, ERROR_COMMITMENT_LIMIT: "The
  // paging file is too small for this operation to complete."): the host cannot commit the memory it asks for.
  {
    id: 'memory-limit',
    pattern: /\bCreateComputeSystem [^\n]{0,200}?The paging file is too small for this operation to complete\b/i,
    severity: 'warning',
    hint: 'The Windows host cannot commit the memory the container asks for (its RAM and page file together). Enlarge the host\'s page file or free memory on it, lower --memory for Hyper-V isolated containers, or use --isolation=process where the host\'s build matches the image.',
  },
  // Business Central's image checking its memory at start (start.ps1: "At least %dGb memory needs to be available to the
  // Container."): the container sees less, under Hyper-V isolation the utility VM's size unless a limit is given.
  {
    id: 'memory-limit',
    pattern: /\bAt least \d+\s?Gb memory needs to be available to the\s+Container\b/i,
    severity: 'warning',
    hint: 'The container sees less memory than its image needs. Under Hyper-V isolation give it at least the figure named, 8G is usual (--memory 8G; BcContainerHelper\'s New-BcContainer -memoryLimit 8G, never "0G"): otherwise it gets its utility VM\'s small default. Under process isolation it sees the host\'s memory: free some on the host.',
  },
  // A process ended by SIGKILL as its builder or shell reports it (137 = 128 + 9: "returned a non-zero code: 137", "non-zero
  // exit (137)", "return code: 137", Go's "signal: killed", a shell's bare "Killed", gcc's "ld terminated with signal 9
  // [Killed]", "Killed signal terminated program cc1plus", Buildah's "container exited on %s" with the signal's name and
  // "subprocess exited on %s" under chroot isolation): the OOM killer most often, a `docker stop` past its timeout
  // otherwise; and ENOMEM ("cannot allocate memory") ending a line. A hint; the kernel's own line, when shown, is the
  // evidence.
  { id: 'memory-limit', pattern: /\b(?:returned a non-zero code|non-zero exit(?: code)?|return code|exit code|exit status|exited with code)[:\s]*\(?137\)?(?!\d)|\bsignal: killed\s*$|^Killed\s*$|\b(?:container|subprocess) exited on killed\b|\bld terminated with signal 9 \[Killed\]|\bKilled signal terminated program\b|\bcannot allocate memory\s*$/i, severity: 'info' },
  // A shell's report of a job it ran killed by SIGKILL ("%s: line %d: %d Killed %s", bash's job notice): the OOM killer
  // at the container's memory limit most often. A hint.
  { id: 'memory-limit', pattern: /: line \d+: +\d+ Killed\s+\S/, severity: 'info' },
  // runc's parent reading its init's reply when the init died first ("read init-p: connection reset by peer"): runc
  // names the OOM killer as its likely cause (a container at its memory limit at exec): a hint.
  { id: 'memory-limit', pattern: /\bread init-p: connection reset by peer\b/i, severity: 'info' },
  // The Go runtime's own abort when the kernel refuses it memory (runtime "fatal error: runtime: out of memory"): dockerd,
  // containerd or a Go tool in a level (or a machine) too small for it; the process is gone.
  { id: 'memory-limit', pattern: /^fatal error: runtime: out of memory\s*$/i, severity: 'warning' },
  // minikube's check of the memory the daemon's machine offers (RSRC_INSUFFICIENT_CONTAINER_MEMORY: "%s only has %dMiB
  // available, less than the required %dMiB for Kubernetes"): Docker Desktop's VM, not the host, is what is small.
  { id: 'memory-limit', pattern: /\b(?:docker|podman|Docker Desktop) only has \d+MiB available, less than the required \d+MiB\b/i, severity: 'warning' },
  // A container the kernel killed at its memory limit, as Kubernetes ("reason: OOMKilled", "Pod container was
  // OOMKilled") and `docker inspect` ("OOMKilled": true) record it.
  { id: 'memory-limit', pattern: /\bwas OOMKilled\b|\breason:? "?OOMKilled\b|"?OOMKilled"?\s*:\s*true\b/i, severity: 'warning' },
  // A workload killed at its own container's memory limit is read down to a hint in context.ts.
  { id: 'memory-limit', pattern: OOM_KILL, severity: 'warning' },
  // InnoDB unable to map its buffer pool ("InnoDB: mmap(%zu bytes) failed; errno 12", MySQL 8's "[InnoDB] mmap(…)",
  // "Cannot allocate memory for the buffer pool"): ENOMEM at the mapping is the machine's (or VM's) commit limit or a
  // ulimit -v, not a cgroup limit, which kills later. A hint.
  {
    id: 'memory-limit',
    pattern: /\bInnoDB(?::|\]) mmap\(\d+ bytes\) failed; errno 12\b|\bInnoDB(?::|\]) Cannot allocate memory for the buffer pool\b/,
    severity: 'info',
    hint: 'InnoDB could not map its buffer pool: the machine (or the VM Docker runs in) is short of memory it will commit, or a ulimit caps the address space. Lower innodb_buffer_pool_size, or give the machine or VM more memory or swap.',
  },
  // systemd's record of the engine's daemon ended by SIGKILL ("docker.service: Main process exited, code=killed,
  // status=9/KILL"; systemd 219 writes "main process"): the OOM killer's signature when it takes dockerd or containerd,
  // unless a stop ran past its timeout (context.ts). A hint: the kernel's own line names it.
  { id: 'memory-limit', pattern: ENGINE_UNIT_KILLED, severity: 'info' },
];
