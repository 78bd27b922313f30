#!/usr/bin/env bash
# Build the Docker-in-Docker image `nested-docker/dind:local` without any registry.
#
# Default (--from host): assemble a minimal rootfs ("docker-from-scratch" style) from the
# binaries of the host's installed Debian packages (docker.io, containerd, runc, tini,
# iptables, iproute2, procps, busybox-static, ca-certificates) plus every shared library
# they need, and `docker import` it. Alternative (--from debootstrap): a full Debian rootfs
# made by debootstrap from the host's configured apt mirror, with docker.io installed.
#
# Also builds two deliberately broken images used by the integration tests:
#   --variant no-dockerd           -> nested-docker/test:no-dockerd   (busybox only, no dockerd)
#   --variant no-iptables-modules  -> nested-docker/test:no-iptables  (xtables extensions removed)
#
# See docs/local-image.md. Idempotent: an existing image is kept unless --force.
set -euo pipefail

PROG=build-local-image
DOCKER=${DOCKER:-docker}                  # client used to import (any version)
FROM=host
FORCE=0
QUIET=0
KEEP_ROOTFS=""
DOCKER_GID=${DOCKER_GID:-2375}
VARIANTS=()
TAG_OVERRIDE=""

TAG_DIND=nested-docker/dind:local
TAG_NODOCKERD=nested-docker/test:no-dockerd
TAG_NOIPT=nested-docker/test:no-iptables
IMAGE_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

usage() {
  cat <<EOF
Usage: scripts/build-local-image.sh [options]

Builds $TAG_DIND (and optionally the broken test images) with no registry access.

Options:
  --variant NAME   dind (default) | no-dockerd | no-iptables-modules | all
                   may be repeated. no-dockerd -> $TAG_NODOCKERD,
                   no-iptables-modules -> $TAG_NOIPT
  --from SOURCE    host (default): binaries of the host's Debian packages, small and fast
                   debootstrap: full Debian rootfs from the apt mirror (slower, larger;
                   only for the dind variant)
  --tag TAG        override the tag of the dind variant
  --force          rebuild even if the image already exists
  --quiet          print nothing but errors (a step line each otherwise; it takes seconds)
  --keep-rootfs D  also leave the assembled rootfs in directory D (for inspection)
  -h, --help       this help

Environment: DOCKER (client command, default: docker), DOCKER_GID (gid of the image's
docker group, default 2375), DEBOOTSTRAP_MIRROR, DEBOOTSTRAP_SUITE.
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --variant) VARIANTS+=("${2:?--variant needs a value}"); shift 2 ;;
    --variant=*) VARIANTS+=("${1#*=}"); shift ;;
    --from) FROM="${2:?--from needs a value}"; shift 2 ;;
    --from=*) FROM="${1#*=}"; shift ;;
    --tag) TAG_OVERRIDE="${2:?--tag needs a value}"; shift 2 ;;
    --tag=*) TAG_OVERRIDE="${1#*=}"; shift ;;
    --force|-f) FORCE=1; shift ;;
    --quiet|-q) QUIET=1; shift ;;
    --keep-rootfs) KEEP_ROOTFS="${2:?--keep-rootfs needs a directory}"; shift 2 ;;
    --keep-rootfs=*) KEEP_ROOTFS="${1#*=}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "$PROG: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
[ ${#VARIANTS[@]} -eq 0 ] && VARIANTS=(dind)
[ -n "$TAG_OVERRIDE" ] && TAG_DIND=$TAG_OVERRIDE

WANT_DIND=0 WANT_NODOCKERD=0 WANT_NOIPT=0
for v in "${VARIANTS[@]}"; do
  case "$v" in
    dind) WANT_DIND=1 ;;
    no-dockerd|nodockerd) WANT_NODOCKERD=1 ;;
    no-iptables-modules|no-iptables) WANT_NOIPT=1 ;;
    all) WANT_DIND=1; WANT_NODOCKERD=1; WANT_NOIPT=1 ;;
    *) echo "$PROG: unknown variant: $v" >&2; exit 2 ;;
  esac
done
case "$FROM" in host|debootstrap) ;; *) echo "$PROG: --from must be host or debootstrap" >&2; exit 2 ;; esac

STEP=0
step() { STEP=$((STEP + 1)); [ "$QUIET" = 1 ] || printf '[%s] %d. %s\n' "$PROG" "$STEP" "$*"; }
info() { [ "$QUIET" = 1 ] || printf '[%s]    %s\n' "$PROG" "$*"; }
die()  { printf '[%s] ERROR: %s\n' "$PROG" "$*" >&2; exit 1; }

START_TS=$(date +%s)
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 && SUDO=sudo || true
fi

# ---------------------------------------------------------------------------
# 0. Daemon reachable, what is already built
# ---------------------------------------------------------------------------
image_exists() { $DOCKER image inspect "$1" >/dev/null 2>&1; }
image_size() {
  local b
  b=$($DOCKER image inspect -f '{{.Size}}' "$1" 2>/dev/null || echo 0)
  awk -v b="$b" 'BEGIN { printf "%.1f MB", b / 1000000 }'
}

first_existing() { local p; for p in "$@"; do [ -e "$p" ] && { echo "$p"; return 0; }; done; return 1; }

install_pkgs() { # apt-get update + install, only called when something is missing
  local pkgs aptlog
  mapfile -t pkgs < <(printf '%s\n' "$@" | sort -u)
  command -v apt-get >/dev/null 2>&1 || die "missing host packages (${pkgs[*]}) and no apt-get"
  [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ] || die "missing host packages (${pkgs[*]}); run as root"
  info "installing: ${pkgs[*]}"
  aptlog=$(mktemp "${TMPDIR:-/var/tmp}/nested-docker-apt.XXXXXX")
  { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && $SUDO env DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=l apt-get install -y -qq \
         --no-install-recommends "${pkgs[@]}"; } >"$aptlog" 2>&1 \
    || { tail -n 20 "$aptlog" >&2; rm -f "$aptlog"; die "apt-get failed (log above)"; }
  rm -f "$aptlog"
}

step "checking the Docker daemon ($DOCKER)"
if ! command -v "${DOCKER%% *}" >/dev/null 2>&1; then
  install_pkgs docker.io   # no client at all: the engine itself is a prerequisite
fi
$DOCKER version --format '{{.Server.Version}}' >/dev/null 2>&1 \
  || die "cannot reach the Docker daemon with '$DOCKER' (start it: systemctl start docker, or nohup dockerd >/var/log/dockerd.log 2>&1 &; or join the docker group)"

TODO=()
for pair in "$WANT_DIND:$TAG_DIND" "$WANT_NOIPT:$TAG_NOIPT" "$WANT_NODOCKERD:$TAG_NODOCKERD"; do
  want=${pair%%:*}; tag=${pair#*:}
  [ "$want" = 1 ] || continue
  if [ "$FORCE" = 0 ] && image_exists "$tag"; then
    info "$tag already exists ($(image_size "$tag")); use --force to rebuild"
  else
    TODO+=("$tag")
  fi
done
if [ ${#TODO[@]} -eq 0 ]; then
  step "nothing to do"
  exit 0
fi
need() { local t; for t in "${TODO[@]}"; do [ "$t" = "$1" ] && return 0; done; return 1; }
NEED_FULL=0   # full dind rootfs from host binaries
{ need "$TAG_DIND" && [ "$FROM" = host ]; } && NEED_FULL=1
need "$TAG_NOIPT" && NEED_FULL=1

# ---------------------------------------------------------------------------
# 1. Host prerequisites (apt-get only for what is missing)
# ---------------------------------------------------------------------------

MISSING_PKGS=()
want_pkg() { # want_pkg PACKAGE PATH...   (package needed unless one of the paths exists)
  local pkg=$1; shift
  first_existing "$@" >/dev/null || MISSING_PKGS+=("$pkg")
}

step "checking host prerequisites"
want_pkg tar /usr/bin/tar /bin/tar
want_pkg libc-bin /usr/bin/ldd
want_pkg busybox-static /usr/bin/busybox /bin/busybox
if [ "$NEED_FULL" = 1 ]; then
  want_pkg docker.io /usr/sbin/dockerd /usr/bin/dockerd
  want_pkg docker.io /usr/bin/docker
  want_pkg docker.io /usr/sbin/docker-proxy /usr/bin/docker-proxy /usr/libexec/docker/docker-proxy
  want_pkg containerd /usr/bin/containerd
  want_pkg containerd /usr/bin/containerd-shim-runc-v2
  want_pkg runc /usr/sbin/runc /usr/bin/runc
  want_pkg tini /usr/bin/tini-static /usr/bin/docker-init /usr/libexec/docker/docker-init
  want_pkg iptables /usr/sbin/xtables-nft-multi
  want_pkg iptables /usr/sbin/xtables-legacy-multi
  want_pkg iproute2 /usr/sbin/ip /usr/bin/ip /sbin/ip
  want_pkg procps /usr/bin/ps /bin/ps
  want_pkg mount /usr/bin/mount /bin/mount
  want_pkg ca-certificates /etc/ssl/certs/ca-certificates.crt
fi
if need "$TAG_DIND" && [ "$FROM" = debootstrap ]; then
  want_pkg debootstrap /usr/sbin/debootstrap
fi
if [ ${#MISSING_PKGS[@]} -gt 0 ]; then
  install_pkgs "${MISSING_PKGS[@]}"
else
  info "all present"
fi

# ---------------------------------------------------------------------------
# Working directory
# ---------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/var/tmp}/nested-docker-image.XXXXXX")
cleanup() { $SUDO rm -rf "$WORK" 2>/dev/null || rm -rf "$WORK" 2>/dev/null || true; }
trap cleanup EXIT
ROOT=$WORK/rootfs

# ---------------------------------------------------------------------------
# rootfs helpers
# ---------------------------------------------------------------------------
BUSYBOX=$(first_existing /usr/bin/busybox /bin/busybox)

base_layout() { # merged-/usr layout, like Debian 12
  local r=$1
  mkdir -p "$r"/usr/bin "$r"/usr/sbin "$r"/usr/lib "$r"/usr/lib64 "$r"/usr/local/bin "$r"/usr/local/sbin \
           "$r"/etc "$r"/root "$r"/home "$r"/dev "$r"/proc "$r"/sys "$r"/run "$r"/tmp "$r"/mnt \
           "$r"/var/lib "$r"/var/log "$r"/var/tmp "$r"/var/cache "$r"/nested-docker
  ln -s usr/bin "$r"/bin
  ln -s usr/sbin "$r"/sbin
  ln -s usr/lib "$r"/lib
  ln -s usr/lib64 "$r"/lib64
  ln -s ../run "$r"/var/run
  chmod 1777 "$r"/tmp "$r"/var/tmp
  chmod 0700 "$r"/root
}

. "$(dirname "${BASH_SOURCE[0]}")/lib/rootfs-copy.sh"   # copy_libs, copy_bin

install_busybox() { # applet symlinks only where nothing exists yet (real tools win)
  local r=$1 applet
  cp -L "$BUSYBOX" "$r/usr/bin/busybox"
  chmod 0755 "$r/usr/bin/busybox"
  copy_libs "$BUSYBOX" # no-op for busybox-static
  while read -r applet; do
    [ -n "$applet" ] || continue
    applet=${applet#/}
    [ "$applet" = linuxrc ] && continue
    case "$applet" in bin/*|sbin/*) applet="usr/$applet" ;; esac
    [ -e "$r/$applet" ] || [ -L "$r/$applet" ] && continue
    mkdir -p "$r/$(dirname "$applet")"
    ln -s /usr/bin/busybox "$r/$applet"
  done < <("$BUSYBOX" --list-full 2>/dev/null || "$BUSYBOX" --list | sed 's|^|usr/bin/|')
  [ -e "$r/usr/bin/sh" ] || ln -s /usr/bin/busybox "$r/usr/bin/sh"
}

write_etc() { # write_etc ROOT DESCRIPTION
  local r=$1 desc=$2
  cat >"$r/etc/passwd" <<EOF
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
EOF
  cat >"$r/etc/group" <<EOF
root:x:0:
daemon:x:1:
tty:x:5:
disk:x:6:
docker:x:$DOCKER_GID:
nogroup:x:65534:
EOF
  cat >"$r/etc/shadow" <<EOF
root:*:19000:0:99999:7:::
daemon:*:19000:0:99999:7:::
nobody:*:19000:0:99999:7:::
EOF
  chmod 0640 "$r/etc/shadow"
  cat >"$r/etc/nsswitch.conf" <<EOF
passwd:   files
group:    files
shadow:   files
hosts:    files dns
networks: files
protocols: files
services: files
EOF
  printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$r/etc/hosts"
  : >"$r/etc/resolv.conf"
  echo nested-docker >"$r/etc/hostname"
  ln -sf /proc/self/mounts "$r/etc/mtab"
  cat >"$r/etc/os-release" <<EOF
PRETTY_NAME="Nested Docker local image ($desc)"
NAME="Nested Docker local image"
ID=nested-docker-local
ID_LIKE=debian
VERSION_ID="$(. /etc/os-release 2>/dev/null; echo "${VERSION_ID:-unknown}")"
VERSION="$desc"
HOME_URL="https://github.com/nested-docker/nested-docker-sessions"
EOF
  cp "$r/etc/os-release" "$r/usr/lib/os-release"
  echo "export PS1='\\h:\\w\\\$ '" >"$r/etc/profile"
}

import_rootfs() { # import_rootfs ROOT TAG KIND CMD SOURCE
  local r=$1 tag=$2 kind=$3 cmd=$4 src=${5:-host} old new
  old=$($DOCKER image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)
  tar -C "$r" --numeric-owner --owner=0 --group=0 -cf - . \
    | $DOCKER import \
        --change "ENV PATH=$IMAGE_PATH" \
        --change "LABEL nested-docker.image=$kind" \
        --change "LABEL nested-docker.built-from=$src" \
        --change "LABEL nested-docker.docker-version=$DOCKERD_VERSION" \
        --change "WORKDIR /" \
        --change "CMD $cmd" \
        --message "built by scripts/build-local-image.sh" \
        - "$tag" >/dev/null
  # --force: drop the previous build if nothing uses it any more (fails harmlessly otherwise)
  new=$($DOCKER image inspect -f '{{.Id}}' "$tag")
  if [ -n "$old" ] && [ "$old" != "$new" ]; then $DOCKER rmi "$old" >/dev/null 2>&1 || true; fi
}

DOCKERD_VERSION=none

# ---------------------------------------------------------------------------
# 2a. dind rootfs from host binaries
# ---------------------------------------------------------------------------
build_host_rootfs() {
  step "assembling rootfs from host binaries"
  rm -rf "$ROOT"; mkdir -p "$ROOT"
  base_layout "$ROOT"

  local dockerd docker_cli proxy runc init ip ps mnt umnt xz modprobe
  dockerd=$(first_existing /usr/sbin/dockerd /usr/bin/dockerd)
  docker_cli=$(first_existing /usr/bin/docker)
  proxy=$(first_existing /usr/sbin/docker-proxy /usr/bin/docker-proxy /usr/libexec/docker/docker-proxy)
  runc=$(first_existing /usr/sbin/runc /usr/bin/runc)
  init=$(first_existing /usr/bin/tini-static /usr/bin/docker-init /usr/libexec/docker/docker-init)
  ip=$(first_existing /usr/sbin/ip /usr/bin/ip /sbin/ip)
  ps=$(first_existing /usr/bin/ps /bin/ps)
  mnt=$(first_existing /usr/bin/mount /bin/mount)
  umnt=$(first_existing /usr/bin/umount /bin/umount)
  DOCKERD_VERSION=$("$dockerd" --version 2>/dev/null | sed -n 's/^Docker version \([^,]*\).*/\1/p')
  [ -n "$DOCKERD_VERSION" ] || DOCKERD_VERSION=unknown

  # Docker engine
  copy_bin "$dockerd" /usr/sbin/dockerd
  copy_bin "$proxy" /usr/sbin/docker-proxy
  copy_bin "$docker_cli" /usr/bin/docker
  copy_bin /usr/bin/containerd /usr/bin/containerd
  copy_bin /usr/bin/containerd-shim-runc-v2 /usr/bin/containerd-shim-runc-v2
  copy_bin "$runc" /usr/sbin/runc
  copy_bin "$init" /usr/bin/docker-init
  ln -s docker-init "$ROOT/usr/bin/tini"

  # iptables: both backends, Debian-style alternatives
  copy_bin /usr/sbin/xtables-nft-multi /usr/sbin/xtables-nft-multi
  copy_bin /usr/sbin/xtables-legacy-multi /usr/sbin/xtables-legacy-multi
  local xtlib xtdir
  xtlib=$(ldd /usr/sbin/xtables-nft-multi | awk '$1 ~ /^libxtables/ { print $3 }')
  xtdir=$(dirname "$(readlink -f "$xtlib")")/xtables
  [ -d "$xtdir" ] || xtdir=$(dirname "$xtlib")/xtables
  [ -d "$xtdir" ] || die "xtables modules directory not found next to $xtlib"
  mkdir -p "$ROOT$xtdir"
  cp -L "$xtdir"/*.so "$ROOT$xtdir"/
  copy_libs "$xtdir"/*.so
  XTABLES_DIR=$xtdir
  local fam t
  for fam in iptables ip6tables; do
    for t in "" -save -restore; do
      ln -s xtables-nft-multi "$ROOT/usr/sbin/$fam-nft$t"
      ln -s xtables-legacy-multi "$ROOT/usr/sbin/$fam-legacy$t"
    done
  done
  for t in iptables-translate ip6tables-translate iptables-restore-translate ip6tables-restore-translate xtables-monitor; do
    ln -s xtables-nft-multi "$ROOT/usr/sbin/$t"
  done
  # default backend: the host's choice (nft on Debian 12)
  local backend=nft
  case "$(readlink -f /usr/sbin/iptables 2>/dev/null || true)" in
    *legacy*) backend=legacy ;;
  esac
  mkdir -p "$ROOT/etc/alternatives"
  for fam in iptables ip6tables; do
    for t in "" -save -restore; do
      ln -s "/usr/sbin/$fam-$backend$t" "$ROOT/etc/alternatives/$fam$t"
      ln -s "/etc/alternatives/$fam$t" "$ROOT/usr/sbin/$fam$t"
    done
  done
  info "iptables backend: $backend (switch: ln -sf /usr/sbin/iptables-legacy /etc/alternatives/iptables ...)"

  # networking / process / mount tools
  copy_bin "$ip" /usr/sbin/ip
  copy_bin "$ps" /usr/bin/ps
  copy_bin "$mnt" /usr/bin/mount
  copy_bin "$umnt" /usr/bin/umount
  local mp
  if mp=$(first_existing /usr/bin/mountpoint /bin/mountpoint); then copy_bin "$mp" /usr/bin/mountpoint; fi
  if xz=$(first_existing /usr/bin/xz /bin/xz); then
    copy_bin "$xz" /usr/bin/xz   # dockerd execs xz for xz-compressed layers
    ln -s xz "$ROOT/usr/bin/unxz"; ln -s xz "$ROOT/usr/bin/xzcat"
  fi
  if modprobe=$(first_existing /usr/sbin/modprobe /sbin/modprobe /usr/bin/kmod /bin/kmod); then
    copy_bin "$(readlink -f "$modprobe")" /usr/bin/kmod
    ln -s ../bin/kmod "$ROOT/usr/sbin/modprobe"
    ln -s ../bin/kmod "$ROOT/usr/sbin/lsmod"
  fi                            # else: busybox modprobe applet
  # dockerd 20.10 needs apparmor_parser when it sees AppArmor (securityfs mounted on an AppArmor
  # host) and, unlike 23.0+, does not skip the profile when the parser is missing
  local aap
  if aap=$(first_existing /usr/sbin/apparmor_parser /sbin/apparmor_parser); then
    copy_bin "$aap" /usr/sbin/apparmor_parser
    info "apparmor_parser included"
  fi
  # glibc dlopens libgcc_s for thread cancellation/unwinding
  local gcc_s
  gcc_s=$(first_existing /usr/lib/x86_64-linux-gnu/libgcc_s.so.1 /lib/x86_64-linux-gnu/libgcc_s.so.1 \
          /usr/lib/aarch64-linux-gnu/libgcc_s.so.1 /lib/aarch64-linux-gnu/libgcc_s.so.1 || true)
  if [ -n "$gcc_s" ]; then mkdir -p "$ROOT$(dirname "$gcc_s")"; cp -L "$gcc_s" "$ROOT$gcc_s"; fi

  # certificates
  mkdir -p "$ROOT/etc/ssl/certs"
  cp -L /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/ca-certificates.crt"

  # shells: dash as /bin/sh (POSIX, honours PATH; busybox-static's ash prefers its own applets
  # over /usr/bin/ps, /usr/bin/mount...), bash for interactive terminals; busybox for the rest
  local dash bash
  if dash=$(first_existing /usr/bin/dash /bin/dash); then
    copy_bin "$dash" /usr/bin/dash
    ln -s dash "$ROOT/usr/bin/sh"
  fi
  if bash=$(first_existing /usr/bin/bash /bin/bash); then
    copy_bin "$bash" /usr/bin/bash
  fi
  install_busybox "$ROOT"
  write_etc "$ROOT" "dind, docker $DOCKERD_VERSION"
  [ -x "$ROOT/usr/bin/bash" ] && sed -i 's|^root:x:0:0:root:/root:/bin/sh$|root:x:0:0:root:/root:/bin/bash|' "$ROOT/etc/passwd"
  mkdir -p "$ROOT/var/lib/docker" "$ROOT/var/lib/containerd" "$ROOT/etc/docker" "$ROOT/run/nested-docker"
  chmod 0711 "$ROOT/var/lib/docker"

  # smoke test: every binary must find its libraries in the rootfs
  step "checking the rootfs (chroot smoke test)"
  if [ "$(id -u)" -eq 0 ]; then
    local out ldso f
    ldso=$(ldd /usr/sbin/xtables-nft-multi | awk '$1 ~ /^\/.*ld-linux/ { print $1 }')
    # every ELF file must resolve all its libraries inside the rootfs
    while read -r f; do
      out=$(chroot "$ROOT" "$ldso" --list "${f#"$ROOT"}" 2>&1 || true)
      case "$out" in *"not found"*) die "missing library for ${f#"$ROOT"}: $(echo "$out" | grep 'not found')" ;; esac
    done < <(find "$ROOT/usr/bin" "$ROOT/usr/sbin" "$ROOT$XTABLES_DIR" -type f \( -perm -u+x -o -name "*.so" \))
    for cmd in "dockerd --version" "docker --version" "containerd --version" "runc --version" \
               "docker-init --version" "iptables-nft --version" "iptables-legacy --version" \
               "ip -V" "mount --version" "sh -c true" "busybox true"; do
      out=$(chroot "$ROOT" /usr/bin/env PATH="$IMAGE_PATH" $cmd 2>&1) \
        || die "'$cmd' fails inside the rootfs: $out"
    done
    info "$(chroot "$ROOT" /usr/sbin/dockerd --version)"
  else
    info "skipped (needs root for chroot)"
  fi
}

# ---------------------------------------------------------------------------
# 2b. dind rootfs with debootstrap
# ---------------------------------------------------------------------------
detect_mirror() {
  local suite=$1 f
  # deb822 .sources files: first URIs: of a stanza whose Suites: contains the suite
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v s="$suite" '
      /^[[:space:]]*$/ { if (uri != "" && hit) { print uri; exit } uri=""; hit=0; next }
      /^URIs:/ { uri=$2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) hit=1 }
      END { if (uri != "" && hit) print uri }' "$f" | head -n1
  done
  # one-line format
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -e 's/\[[^]]*\]//' "$f" | awk -v s="$suite" '$1 == "deb" && $3 == s { print $2; exit }'
  done
}

build_debootstrap_rootfs() {
  local suite mirror
  suite=${DEBOOTSTRAP_SUITE:-$(. /etc/os-release; echo "${VERSION_CODENAME:-bookworm}")}
  mirror=${DEBOOTSTRAP_MIRROR:-$(detect_mirror "$suite" | grep -v -e security -e '^$' | head -n1)}
  [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
  [ "$(id -u)" -eq 0 ] || die "--from debootstrap must run as root"
  step "debootstrap $suite from $mirror (takes a few minutes)"
  rm -rf "$ROOT"; mkdir -p "$ROOT"
  debootstrap --variant=minbase \
    --include=docker.io,containerd,runc,tini,iptables,iproute2,procps,kmod,xz-utils,ca-certificates \
    "$suite" "$ROOT" "$mirror" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -n 20 "$WORK/debootstrap.log" >&2; die "debootstrap failed (log above)"; }
  step "trimming the Debian rootfs"
  DOCKERD_VERSION=$(chroot "$ROOT" dockerd --version 2>/dev/null | sed -n 's/^Docker version \([^,]*\).*/\1/p')
  [ -n "$DOCKERD_VERSION" ] || DOCKERD_VERSION=unknown
  chroot "$ROOT" apt-get clean >/dev/null 2>&1 || true
  rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/usr/share/doc/* "$ROOT"/usr/share/man/* \
         "$ROOT"/usr/share/info/* "$ROOT"/var/log/*.log "$ROOT"/var/cache/debconf/*-old
  find "$ROOT/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} + 2>/dev/null || true
  # the docker group (docker.io's postinst creates it as a system group; pin our gid)
  if grep -q '^docker:' "$ROOT/etc/group"; then
    sed -i "s/^docker:x:[0-9]*:/docker:x:$DOCKER_GID:/" "$ROOT/etc/group"
  else
    echo "docker:x:$DOCKER_GID:" >>"$ROOT/etc/group"
  fi
  : >"$ROOT/etc/resolv.conf"
  echo nested-docker >"$ROOT/etc/hostname"
  mkdir -p "$ROOT/nested-docker" "$ROOT/run/nested-docker"
  rm -f "$ROOT/var/run/docker.pid" "$ROOT/run/docker.pid"
  info "$(chroot "$ROOT" dockerd --version)"
}

# ---------------------------------------------------------------------------
# 3. Build what is needed
# ---------------------------------------------------------------------------
XTABLES_DIR=""
if [ "$NEED_FULL" = 1 ]; then
  build_host_rootfs
fi

if need "$TAG_DIND"; then
  if [ "$FROM" = debootstrap ]; then
    DEB_ROOT_SAVE=$ROOT
    ROOT=$WORK/debootstrap-rootfs
    build_debootstrap_rootfs
    step "importing $TAG_DIND"
    import_rootfs "$ROOT" "$TAG_DIND" dind-local '["dockerd"]' debootstrap
    [ -n "$KEEP_ROOTFS" ] && { rm -rf "$KEEP_ROOTFS"; mkdir -p "$(dirname "$KEEP_ROOTFS")"; cp -a "$ROOT" "$KEEP_ROOTFS"; }
    rm -rf "$ROOT"
    ROOT=$DEB_ROOT_SAVE
  else
    step "importing $TAG_DIND"
    import_rootfs "$ROOT" "$TAG_DIND" dind-local '["dockerd"]'
    [ -n "$KEEP_ROOTFS" ] && { rm -rf "$KEEP_ROOTFS"; mkdir -p "$(dirname "$KEEP_ROOTFS")"; cp -a "$ROOT" "$KEEP_ROOTFS"; }
  fi
  info "$TAG_DIND: $(image_size "$TAG_DIND")"
fi

if need "$TAG_NOIPT"; then
  step "importing $TAG_NOIPT (xtables extension modules removed)"
  rm -rf "${ROOT:?}$XTABLES_DIR"
  import_rootfs "$ROOT" "$TAG_NOIPT" test-no-iptables '["dockerd"]'
  info "$TAG_NOIPT: $(image_size "$TAG_NOIPT")"
fi

if need "$TAG_NODOCKERD"; then
  step "importing $TAG_NODOCKERD (busybox only)"
  ROOT=$WORK/nodockerd-rootfs
  mkdir -p "$ROOT"
  base_layout "$ROOT"
  LIBS_DONE=" "
  install_busybox "$ROOT"
  write_etc "$ROOT" "test image without dockerd"
  DOCKERD_VERSION=none
  import_rootfs "$ROOT" "$TAG_NODOCKERD" test-no-dockerd '["sh"]'
  info "$TAG_NODOCKERD: $(image_size "$TAG_NODOCKERD")"
fi

step "done in $(( $(date +%s) - START_TS ))s"
