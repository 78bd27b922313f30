#!/usr/bin/env bash
# The VM host suite, from nothing: host packages (apt), the guest disk (cached under NESTED_DOCKER_CACHE), boot
# under qemu, the dind image into the guest, the mocha suite test/vm/ driving the CLI over SSH, timings, stop.
# Exits non-zero when any step or test fails; the VM is stopped on every exit path.
#   NESTED_DOCKER_CACHE        cache root (default ~/.cache/nested-docker); CI gives it an empty one
#   NESTED_DOCKER_VM_KEEP=1    leave the VM running afterwards (stop it with scripts/vm/vm.sh stop)
#   NESTED_DOCKER_VM_GREP=RE   run only the tests whose title matches RE (mocha --grep)
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/vm/lib.sh
. scripts/lib/phases.sh
T0=$(now_s)
export NESTED_DOCKER_PHASES=${NESTED_DOCKER_PHASES:-$(mktemp)}
: >"$NESTED_DOCKER_PHASES"

host_tools() {
  ensure_host_tools qemu-system-x86_64:qemu-system-x86 qemu-img:qemu-utils debootstrap:debootstrap \
    mkfs.ext4:e2fsprogs ssh:openssh-client ssh-keygen:openssh-client
}
compile() { [ -d node_modules ] || npm ci --no-audit --no-fund; npm run --silent compile; }

stop_vm() {
  local rc=$?
  if [ "${NESTED_DOCKER_VM_KEEP:-0}" = 1 ]; then vm_log "VM left running (NESTED_DOCKER_VM_KEEP=1): scripts/vm/vm.sh stop"
  else phase "vm: stop" bash scripts/vm/vm.sh stop || true; fi
  phase_summary
  echo "vm suite: total $(( $(now_s) - T0 )) s (cache: $CACHE_ROOT)"
  exit "$rc"
}

phase "vm: host packages" host_tools
phase "vm: compile" compile
phase "vm: guest disk" bash scripts/vm/build-disk.sh
trap stop_vm EXIT
trap 'exit 130' INT TERM
phase "vm: boot to ssh" bash scripts/vm/vm.sh start

# The dind image reaches the guest through the product's offline builder (scripts/build-local-image.sh): it
# assembles the rootfs here, natively, from the same Debian 12 packages the guest runs, and its `docker import`
# goes to the guest's daemon over SSH (the docker CLI's ssh:// transport, through the pinned host key). Only the
# import itself runs under emulation (see docs/vm-host.md for the timings of the alternatives).
image_into_guest() {
  mkdir -p "$RUN_DIR/bin"
  printf '#!/bin/sh\nexec /usr/bin/ssh -F %s "$@"\n' "$RUN_DIR/ssh_config" >"$RUN_DIR/bin/ssh"
  chmod 0755 "$RUN_DIR/bin/ssh"
  PATH="$RUN_DIR/bin:$PATH" DOCKER="docker -H ssh://$VM_ALIAS" bash scripts/build-local-image.sh --quiet
  ssh_vm "docker image inspect nested-docker/dind:local --format '{{index .RepoTags 0}}: {{.Size}} bytes'"
}
phase "vm: dind image into guest" image_into_guest

export NESTED_DOCKER_VM_SSH_CONFIG=$RUN_DIR/ssh_config NESTED_DOCKER_VM_ALIAS=$VM_ALIAS
export NESTED_DOCKER_VM_ARTIFACTS=${NESTED_DOCKER_VM_ARTIFACTS:-$RUN_DIR/artifacts}
export NESTED_DOCKER_VM_CTL="$PWD/scripts/vm/vm.sh" NESTED_DOCKER_VM_ACCEL_USED=$(cat "$RUN_DIR/accel")
mocha_args=(--config .mocharc.vm.json)
[ -n "${NESTED_DOCKER_VM_GREP:-}" ] && mocha_args+=(--grep "$NESTED_DOCKER_VM_GREP")
phase "vm: suite" npx mocha "${mocha_args[@]}"
