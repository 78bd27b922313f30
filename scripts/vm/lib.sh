# Sourced by scripts/vm/*.sh: where the VM host's files live, and small helpers.
#
# Cache root: NESTED_DOCKER_CACHE (default ~/.cache/nested-docker), as for every other cache of the project.
#   $CACHE/vm/<profile>/           the built guest (kept between runs; rebuilt when its recipe changes)
#       disk.img  vmlinuz  initrd.img  id_ed25519[.pub]  host_ed25519.pub  stamp  build.log
#   $CACHE/vm/run-<profile>/       one running VM (overlay disk, pid, port, ssh config, console log)
# The base disk is never written by a run: each boot gets a fresh qcow2 overlay on top of it.

VM_PROFILE=${NESTED_DOCKER_VM_PROFILE:-apparmor}
CACHE_ROOT=${NESTED_DOCKER_CACHE:-$HOME/.cache/nested-docker}
VM_DIR=$CACHE_ROOT/vm/debian12-$VM_PROFILE
RUN_DIR=${NESTED_DOCKER_VM_RUN:-$CACHE_ROOT/vm/run-$VM_PROFILE}
VM_ALIAS=ndvm
VM_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

vm_log()  { printf '[vm] %s\n' "$*" >&2; }
vm_die()  { printf '[vm] ERROR: %s\n' "$*" >&2; exit 1; }
now_s()   { date +%s; }

# Host packages, installed with apt only when a tool is missing.
ensure_host_tools() { # ensure_host_tools TOOL:PACKAGE...
  local pair tool pkg missing=()
  for pair in "$@"; do
    tool=${pair%%:*}; pkg=${pair#*:}
    command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  command -v apt-get >/dev/null 2>&1 || vm_die "missing ${missing[*]} and no apt-get: install them by hand"
  [ "$(id -u)" -eq 0 ] || vm_die "missing host packages ${missing[*]}: run as root, or: sudo apt-get install ${missing[*]}"
  vm_log "installing host packages: ${missing[*]}"
  local log; log=$(mktemp)
  { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1 \
    || { tail -n 30 "$log" >&2; rm -f "$log"; vm_die "apt-get install ${missing[*]} failed (log above)"; }
  rm -f "$log"
}

ssh_vm() { # ssh_vm CMD...   (root in the guest, through the pinned host key)
  ssh -F "$RUN_DIR/ssh_config" "$VM_ALIAS" "$@"
}
