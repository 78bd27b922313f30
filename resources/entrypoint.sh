#!/bin/sh
# Nested Docker Sessions: entrypoint wrapper injected into every level before it starts.
# It makes any image that has dockerd able to run it as a nested daemon, then execs dockerd.
# Warnings are single lines "nested-docker: warning: <finding-id>: <text>" that the engine turns into findings.
# Environment (set by the engine):
#   NESTED_DOCKER_LEVEL         the level id
#   NESTED_DOCKER_RELAY_SOCKET  extra unix socket for the host's relay folder (optional)
#   NESTED_DOCKER_SOCKET_GROUP  group (name or gid) for dockerd's sockets (optional)
#   NESTED_DOCKER_LOG           "stdout" (default) or "file" (/var/log/dockerd.log)
#   NESTED_DOCKER_SKIP_CGROUP   "1" skips cgroup preparation (to diagnose that failure on purpose)
#   NESTED_DOCKER_IPTABLES      "legacy" makes dockerd use iptables-legacy (parent rules are legacy ones)
# Arguments: extra dockerd arguments.
set -u

say() { echo "nested-docker: $*" >&2; }
warn() { echo "nested-docker: warning: $1: $2" >&2; }

# Inherited descriptors above stdio confuse nested daemons (the seeds' "FD leakage"); close them.
close_inherited_fds() {
  # Shell builtins only: this runs on every level start, and each forked tool costs a millisecond or more.
  for path in /proc/$$/fd/*; do
    fd=${path##*/}
    case "$fd" in 0|1|2|'*') continue ;; esac
    eval "exec $fd>&-" 2>/dev/null || true
  done
}

remove_stale_pidfiles() {
  for f in /var/run/docker.pid /run/docker.pid /var/run/docker/containerd/containerd.pid /run/docker/containerd/containerd.pid; do
    if [ -e "$f" ]; then rm -f "$f" && say "removed stale pid file $f (left by an unclean stop)"; fi
  done
}

is_mounted() { grep -q " $1 " /proc/self/mounts 2>/dev/null; }

mount_basics() {
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp 2>/dev/null || true
  # Runtime state (pid files, containerd sockets) must not outlive a stop of the level.
  mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run 2>/dev/null || true
  if [ -d /sys/kernel/security ] && ! is_mounted /sys/kernel/security; then
    mount -t securityfs none /sys/kernel/security 2>/dev/null ||
      say "could not mount securityfs: AppArmor profiles will not load inside this level"
  fi
}

prepare_cgroup_v1() {
  # Fresh read-write hierarchies. The ones a container gets are read-only binds; they must be unmounted (deepest
  # first), not just covered: stacked duplicates in /proc/self/mountinfo make the inner runc pick the stale ones.
  mounts=""
  while read -r _id _parent _dev _root mnt _rest; do
    case "$mnt" in /sys/fs/cgroup/*) mounts="$mnt $mounts" ;; esac
  done < /proc/self/mountinfo
  for m in $mounts; do umount "$m" 2>/dev/null || true; done
  while grep -q ' /sys/fs/cgroup ' /proc/self/mountinfo; do
    umount /sys/fs/cgroup 2>/dev/null || break
  done
  if ! mount -t tmpfs -o mode=0755,nosuid,nodev,noexec cgroup_root /sys/fs/cgroup 2>/dev/null; then
    warn cgroup-readonly "cannot mount a tmpfs on /sys/fs/cgroup (is CAP_SYS_ADMIN missing?)"
    return
  fi
  while IFS=: read -r _id ctrls _path; do
    # Skip the "0::/…" line of a hybrid host: the v1 hierarchies are what this daemon will use.
    [ -n "$ctrls" ] || continue
    case "$ctrls" in
      name=*) dir=${ctrls#name=}; opts="none,$ctrls" ;;
      *) dir=$ctrls; opts=$ctrls ;;
    esac
    mkdir -p "/sys/fs/cgroup/$dir"
    if ! mount -n -t cgroup -o "$opts" cgroup "/sys/fs/cgroup/$dir" 2>/dev/null; then
      warn cgroup-readonly "cannot mount the cgroup hierarchy '$ctrls' read-write"
      continue
    fi
    case "$ctrls" in
      *,*)
        # Let tools find co-mounted controllers by their own names (cpu -> cpu,cpuacct).
        for c in $(echo "$ctrls" | tr ',' ' '); do
          [ -e "/sys/fs/cgroup/$c" ] || ln -s "$dir" "/sys/fs/cgroup/$c"
        done
        case ",$ctrls," in
          *,devices,*) warn cgroup-devices-shared "the devices cgroup shares a hierarchy with '$ctrls'; nested containers may fail to start" ;;
        esac
        ;;
    esac
  done < /proc/self/cgroup
}

prepare_cgroup_v2() {
  # The root group may not hold processes once controllers are delegated: move everything to an init group.
  if ! mkdir -p /sys/fs/cgroup/init 2>/dev/null; then
    mount -o remount,rw /sys/fs/cgroup 2>/dev/null && mkdir -p /sys/fs/cgroup/init ||
      { warn cgroup-readonly "/sys/fs/cgroup is read-only; run the level with a private cgroup namespace"; return; }
  fi
  tries=0
  while :; do
    xargs -rn1 < /sys/fs/cgroup/cgroup.procs > /sys/fs/cgroup/init/cgroup.procs 2>/dev/null || true
    ctrls=$(sed -e 's/ / +/g' -e 's/^/+/' < /sys/fs/cgroup/cgroup.controllers)
    if [ "$ctrls" = "+" ] || echo "$ctrls" > /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null; then return; fi
    tries=$((tries + 1))
    if [ "$tries" -ge 10 ]; then
      warn cgroup-v2-nesting "could not enable controllers ($ctrls) in /sys/fs/cgroup/cgroup.subtree_control"
      return
    fi
    sleep 0.1 2>/dev/null || sleep 1
  done
}

close_inherited_fds
remove_stale_pidfiles
mount_basics
if [ "${NESTED_DOCKER_SKIP_CGROUP:-}" = "1" ]; then
  say "cgroup preparation skipped on request"
elif [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  prepare_cgroup_v2
else
  prepare_cgroup_v1
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "nested-docker: error: no-dockerd: image has no dockerd on its PATH; use an image with Docker Engine (docker:dind, or build one with 'npm run image:local')" >&2
  exit 127
fi

if [ "${NESTED_DOCKER_IPTABLES:-}" = "legacy" ]; then
  if command -v iptables-legacy >/dev/null 2>&1; then
    mkdir -p /nested-docker/bin
    for t in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do
      command -v "$t-legacy" >/dev/null 2>&1 && ln -sf "$(command -v "$t-legacy")" "/nested-docker/bin/$t"
    done
    PATH=/nested-docker/bin:$PATH
    export PATH
    say "using the legacy iptables backend"
  else
    warn iptables-failure "iptables-legacy is not in this image; keeping $(iptables --version 2>/dev/null || echo 'no iptables')"
  fi
fi

set -- --host=unix:///var/run/docker.sock "$@"
if [ -n "${NESTED_DOCKER_RELAY_SOCKET:-}" ]; then
  rm -f "$NESTED_DOCKER_RELAY_SOCKET"
  set -- --host="unix://$NESTED_DOCKER_RELAY_SOCKET" "$@"
fi
if [ -n "${NESTED_DOCKER_SOCKET_GROUP:-}" ]; then
  set -- --group="$NESTED_DOCKER_SOCKET_GROUP" "$@"
fi
say "level ${NESTED_DOCKER_LEVEL:-?}: starting dockerd $*"
if [ "${NESTED_DOCKER_LOG:-stdout}" = "file" ]; then
  mkdir -p /var/log
  exec dockerd "$@" >> /var/log/dockerd.log 2>&1
fi
exec dockerd "$@"
