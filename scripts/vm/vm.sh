#!/usr/bin/env bash
# The VM host: boot it in the background, wait for SSH, stop it by its PID.
#   vm.sh start    boot a fresh overlay of the built disk; prints the ssh alias's config path when SSH answers
#   vm.sh wait     wait until SSH answers (after a reboot the tests cause)
#   vm.sh stop     TERM (then KILL) the qemu PID; removes the overlay (the base disk is never written)
#   vm.sh ssh CMD  run CMD as root in the guest
#   vm.sh status   running or not, and where
# Environment: NESTED_DOCKER_CACHE, NESTED_DOCKER_VM_PROFILE, NESTED_DOCKER_VM_ACCEL (kvm|tcg, default: detect),
#   NESTED_DOCKER_VM_MEMORY (MiB, default 6144), NESTED_DOCKER_VM_CPUS (default: the host's, at most 4),
#   NESTED_DOCKER_VM_BOOT_TIMEOUT (seconds, default 420).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PIDFILE=$RUN_DIR/qemu.pid
CONSOLE=$RUN_DIR/console.log

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

console_tail() {
  [ -f "$CONSOLE" ] || return 0
  echo "---- last 40 lines of the guest console ($CONSOLE) ----" >&2
  tail -n 40 "$CONSOLE" | tr -d '\r' | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' >&2
  echo "----" >&2
}

# KVM only where it can run a stock kernel: a vmx/svm CPU. A kvm_pvm /dev/kvm (no vmx/svm flags) accepts
# KVM_CREATE_VM but runs only PVM-enlightened kernels, which Debian does not ship (shared/notes/vm-host.md).
choose_accel() {
  case "${NESTED_DOCKER_VM_ACCEL:-}" in kvm|tcg) echo "$NESTED_DOCKER_VM_ACCEL"; return ;; esac
  if [ -r /dev/kvm ] && [ -w /dev/kvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo && ! lsmod 2>/dev/null | grep -q '^kvm_pvm'; then
    echo kvm
  else
    echo tcg
  fi
}

free_port() {
  local p
  for p in $(shuf -i 20000-40000 -n 40); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
    echo "$p"; return 0
  done
  vm_die "no free loopback port"
}

write_ssh_config() { # port
  printf '[127.0.0.1]:%s %s\n' "$1" "$(cut -d' ' -f1,2 "$VM_DIR/host_ed25519.pub")" >"$RUN_DIR/known_hosts"
  cat >"$RUN_DIR/ssh_config" <<CFG
Host $VM_ALIAS
  HostName 127.0.0.1
  Port $1
  User root
  IdentityFile $VM_DIR/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $RUN_DIR/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  ServerAliveInterval 60
  ConnectTimeout 30
  LogLevel ERROR
CFG
  chmod 0600 "$RUN_DIR/ssh_config" "$RUN_DIR/known_hosts"
}

wait_ssh() {
  local timeout=${NESTED_DOCKER_VM_BOOT_TIMEOUT:-420} t0; t0=$(now_s)
  while :; do
    running || { console_tail; vm_die "qemu exited during boot"; }
    if ssh -F "$RUN_DIR/ssh_config" -o ConnectTimeout=5 -o BatchMode=yes "$VM_ALIAS" true 2>/dev/null; then
      vm_log "SSH answers after $(( $(now_s) - t0 )) s"
      return 0
    fi
    if [ $(( $(now_s) - t0 )) -ge "$timeout" ]; then
      console_tail
      vm_die "SSH did not answer within $timeout s (port $(cat "$RUN_DIR/port"))"
    fi
    sleep 2
  done
}

start() {
  running && vm_die "a VM already runs from $RUN_DIR (pid $(cat "$PIDFILE")): vm.sh stop first"
  [ -f "$VM_DIR/disk.img" ] || vm_die "no guest disk in $VM_DIR: run scripts/vm/build-disk.sh first"
  ensure_host_tools qemu-system-x86_64:qemu-system-x86 qemu-img:qemu-utils ssh:openssh-client
  mkdir -p "$RUN_DIR"; chmod 0700 "$RUN_DIR"
  rm -f "$RUN_DIR/overlay.qcow2" "$CONSOLE" "$PIDFILE"
  qemu-img create -q -f qcow2 -F raw -b "$VM_DIR/disk.img" "$RUN_DIR/overlay.qcow2"
  local accel port cpus mem append
  accel=$(choose_accel)
  port=$(free_port); echo "$port" >"$RUN_DIR/port"
  cpus=${NESTED_DOCKER_VM_CPUS:-$(nproc)}; [ "$cpus" -gt 4 ] && cpus=4
  mem=${NESTED_DOCKER_VM_MEMORY:-6144}
  append="root=/dev/vda rw console=ttyS0 systemd.unified_cgroup_hierarchy=1 net.ifnames=1"
  if [ "$VM_PROFILE" = selinux ]; then append+=" security=selinux selinux=1 enforcing=1"
  else append+=" apparmor=1 security=apparmor"; fi
  local accel_args=(-accel tcg,thread=multi,tb-size=512 -cpu max)
  [ "$accel" = kvm ] && accel_args=(-accel kvm -cpu host)
  write_ssh_config "$port"
  echo "$accel" >"$RUN_DIR/accel"
  vm_log "booting Debian 12 ($VM_PROFILE) under qemu/$accel, $cpus CPUs, $mem MiB, ssh on 127.0.0.1:$port"
  qemu-system-x86_64 "${accel_args[@]}" -smp "$cpus" -m "$mem" \
    -kernel "$VM_DIR/vmlinuz" -initrd "$VM_DIR/initrd.img" -append "$append" \
    -drive "file=$RUN_DIR/overlay.qcow2,if=virtio,format=qcow2,cache=unsafe,discard=unmap" \
    -netdev "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:$port-:22" -device virtio-net-pci,netdev=n0 \
    -object rng-random,filename=/dev/urandom,id=rng0 -device virtio-rng-pci,rng=rng0 \
    -display none -serial "file:$CONSOLE" -monitor none \
    -daemonize -pidfile "$PIDFILE" \
    || { console_tail; vm_die "qemu did not start"; }
  wait_ssh
}

stop() {
  if ! running; then rm -f "$PIDFILE" "$RUN_DIR/overlay.qcow2"; vm_log "no VM running"; return 0; fi
  local pid t0; pid=$(cat "$PIDFILE"); t0=$(now_s)
  # The overlay disk is thrown away, so nothing in the guest needs a clean shutdown: qemu ends on TERM at once.
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [ $(( $(now_s) - t0 )) -lt 10 ]; do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; sleep 1; fi
  rm -f "$PIDFILE" "$RUN_DIR/overlay.qcow2"
  vm_log "VM stopped after $(( $(now_s) - t0 )) s"
}

case "${1:-}" in
  start) start ;;
  wait) wait_ssh ;;
  stop) stop ;;
  ssh) shift; ssh_vm "$@" ;;
  status) if running; then echo "running pid $(cat "$PIDFILE") port $(cat "$RUN_DIR/port") ($RUN_DIR)"; else echo stopped; exit 1; fi ;;
  *) echo "usage: $0 start|wait|stop|ssh CMD|status" >&2; exit 2 ;;
esac
