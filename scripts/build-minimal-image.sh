#!/usr/bin/env bash
# Build `nested-docker/dind:minimal`: only what dockerd needs from user space (the docker-from-scratch list:
# CA certificates, iptables with its modules, ps, optional modprobe and xz; git is left out), assembled offline from
# this machine's binaries with the shared libraries they load (ldd), busybox for the shell and the small tools.
# No docker CLI, no bash, no iproute2. The two largest binaries (dockerd, containerd) are stored xz-compressed
# behind a tiny stub that unpacks them into the container's own layer on first start (once per level container).
#
# Usage: scripts/build-minimal-image.sh [--tag TAG] [--force] [--no-compress] [--quiet]
# See docs/local-image.md ("Minimal image") and docs/performance.md for sizes and seeding times.
set -euo pipefail

PROG=build-minimal-image
DOCKER=${DOCKER:-docker}
TAG=nested-docker/dind:minimal
FORCE=0 QUIET=0 COMPRESS=1
DOCKER_GID=${DOCKER_GID:-2375}
IMAGE_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

while [ $# -gt 0 ]; do
  case "$1" in
    --tag) TAG="${2:?--tag needs a value}"; shift 2 ;;
    --tag=*) TAG="${1#*=}"; shift ;;
    --force|-f) FORCE=1; shift ;;
    --no-compress) COMPRESS=0; shift ;;
    --quiet|-q) QUIET=1; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "$PROG: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

STEP=0
step() { STEP=$((STEP + 1)); [ "$QUIET" = 1 ] || printf '[%s] %d. %s\n' "$PROG" "$STEP" "$*"; }
info() { [ "$QUIET" = 1 ] || printf '[%s]    %s\n' "$PROG" "$*"; }
die()  { printf '[%s] ERROR: %s\n' "$PROG" "$*" >&2; exit 1; }
first_existing() { local p; for p in "$@"; do [ -e "$p" ] && { echo "$p"; return 0; }; done; return 1; }
START_TS=$(date +%s)

step "checking the Docker daemon and the host's binaries"
$DOCKER version --format '{{.Server.Version}}' >/dev/null 2>&1 || die "cannot reach the Docker daemon with '$DOCKER'"
if [ "$FORCE" = 0 ] && $DOCKER image inspect "$TAG" >/dev/null 2>&1; then
  info "$TAG already exists; use --force to rebuild"; exit 0
fi
DOCKERD=$(first_existing /usr/sbin/dockerd /usr/bin/dockerd) || die "no dockerd on this machine (apt-get install docker.io)"
PROXY=$(first_existing /usr/sbin/docker-proxy /usr/bin/docker-proxy /usr/libexec/docker/docker-proxy) || die "no docker-proxy (docker.io)"
CONTAINERD=$(first_existing /usr/bin/containerd) || die "no containerd (apt-get install containerd)"
SHIM=$(first_existing /usr/bin/containerd-shim-runc-v2) || die "no containerd-shim-runc-v2 (containerd)"
RUNC=$(first_existing /usr/sbin/runc /usr/bin/runc) || die "no runc (apt-get install runc)"
INIT=$(first_existing /usr/bin/tini-static /usr/bin/docker-init /usr/libexec/docker/docker-init) || die "no tini-static (apt-get install tini)"
BUSYBOX=$(first_existing /usr/bin/busybox /bin/busybox) || die "no busybox (apt-get install busybox-static)"
XT_NFT=$(first_existing /usr/sbin/xtables-nft-multi) || die "no xtables-nft-multi (apt-get install iptables)"
XT_LEGACY=$(first_existing /usr/sbin/xtables-legacy-multi) || true
[ -f /etc/ssl/certs/ca-certificates.crt ] || die "no CA bundle (apt-get install ca-certificates)"
[ "$COMPRESS" = 0 ] || command -v xz >/dev/null || die "xz is needed to compress dockerd and containerd (apt-get install xz-utils), or pass --no-compress"
DOCKERD_VERSION=$("$DOCKERD" --version | sed -n 's/^Docker version \([^,]*\).*/\1/p')

WORK=$(mktemp -d "${TMPDIR:-/var/tmp}/nested-docker-minimal.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ROOT=$WORK/rootfs

. "$(dirname "${BASH_SOURCE[0]}")/lib/rootfs-copy.sh"   # copy_libs, copy_bin

# compressed_bin SRC DEST: the binary as DEST.xz under /usr/lib/nested-docker, and a stub at DEST that unpacks it
# into the container's layer once (a level container keeps it across restarts) and execs it with the same pid.
compressed_bin() {
  local src=$1 dest=$2 name
  name=$(basename "$dest")
  copy_libs "$src"
  mkdir -p "$ROOT/usr/lib/nested-docker" "$ROOT$(dirname "$dest")"
  xz -T0 -6 -c "$src" >"$ROOT/usr/lib/nested-docker/$name.xz"
  cat >"$ROOT$dest" <<STUB
#!/bin/sh
# nested-docker minimal image: $name is stored xz-compressed; unpacked once into this container's layer.
real=/usr/libexec/nested-docker/$name
if [ ! -x "\$real" ]; then
  mkdir -p /usr/libexec/nested-docker
  xz -dc /usr/lib/nested-docker/$name.xz >"\$real.\$\$" && chmod 0755 "\$real.\$\$" && mv -f "\$real.\$\$" "\$real" || exit 127
fi
exec "\$real" "\$@"
STUB
  chmod 0755 "$ROOT$dest"
}

step "assembling the rootfs (docker $DOCKERD_VERSION)"
mkdir -p "$ROOT"/usr/bin "$ROOT"/usr/sbin "$ROOT"/usr/lib "$ROOT"/usr/lib64 "$ROOT"/etc/ssl/certs "$ROOT"/root \
         "$ROOT"/dev "$ROOT"/proc "$ROOT"/sys "$ROOT"/run "$ROOT"/tmp "$ROOT"/var/lib/docker "$ROOT"/var/log \
         "$ROOT"/nested-docker "$ROOT"/etc/docker
for d in bin sbin lib lib64; do ln -s "usr/$d" "$ROOT/$d"; done
ln -s ../run "$ROOT/var/run"
chmod 1777 "$ROOT/tmp"; chmod 0700 "$ROOT/root"; chmod 0711 "$ROOT/var/lib/docker"
if [ "$COMPRESS" = 1 ]; then
  compressed_bin "$DOCKERD" /usr/sbin/dockerd
  compressed_bin "$CONTAINERD" /usr/bin/containerd
else
  copy_bin "$DOCKERD" /usr/sbin/dockerd
  copy_bin "$CONTAINERD" /usr/bin/containerd
fi
copy_bin "$SHIM" /usr/bin/containerd-shim-runc-v2   # exec'd for every container: kept uncompressed
copy_bin "$RUNC" /usr/sbin/runc
copy_bin "$PROXY" /usr/sbin/docker-proxy
copy_bin "$INIT" /usr/bin/docker-init

# iptables with its extension modules (both backends when the host has them; the host's choice is the default)
copy_bin "$XT_NFT" /usr/sbin/xtables-nft-multi
[ -n "$XT_LEGACY" ] && copy_bin "$XT_LEGACY" /usr/sbin/xtables-legacy-multi
xtlib=$(ldd "$XT_NFT" | awk '$1 ~ /^libxtables/ { print $3 }')
xtdir=$(dirname "$(readlink -f "$xtlib")")/xtables
[ -d "$xtdir" ] || die "xtables modules not found next to $xtlib"
mkdir -p "$ROOT$xtdir"; cp -L "$xtdir"/*.so "$ROOT$xtdir"/; copy_libs "$xtdir"/*.so
backend=nft
case "$(readlink -f /usr/sbin/iptables 2>/dev/null || true)" in *legacy*) [ -n "$XT_LEGACY" ] && backend=legacy ;; esac
for fam in iptables ip6tables; do
  for t in "" -save -restore; do
    ln -s xtables-nft-multi "$ROOT/usr/sbin/$fam-nft$t"
    [ -n "$XT_LEGACY" ] && ln -s xtables-legacy-multi "$ROOT/usr/sbin/$fam-legacy$t"
    ln -s "$fam-$backend$t" "$ROOT/usr/sbin/$fam$t"
  done
done

# glibc dlopens libgcc_s for thread cancellation
gcc_s=$(first_existing /usr/lib/x86_64-linux-gnu/libgcc_s.so.1 /lib/x86_64-linux-gnu/libgcc_s.so.1 /usr/lib/aarch64-linux-gnu/libgcc_s.so.1 || true)
[ -n "$gcc_s" ] && { mkdir -p "$ROOT$(dirname "$gcc_s")"; cp -L "$gcc_s" "$ROOT$gcc_s"; }
cp -L /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/ca-certificates.crt"

# busybox: the shell and sh, ps, mount, umount, modprobe, xz; an applet only where no real tool is
cp -L "$BUSYBOX" "$ROOT/usr/bin/busybox"; chmod 0755 "$ROOT/usr/bin/busybox"; copy_libs "$BUSYBOX"
while read -r applet; do
  applet=${applet#/}
  case "$applet" in ''|linuxrc) continue ;; bin/*|sbin/*) applet="usr/$applet" ;; esac
  [ -e "$ROOT/$applet" ] || [ -L "$ROOT/$applet" ] && continue
  mkdir -p "$ROOT/$(dirname "$applet")"; ln -s /usr/bin/busybox "$ROOT/$applet"
done < <("$BUSYBOX" --list-full)

printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$ROOT/etc/passwd"
printf 'root:x:0:\ndocker:x:%s:\nnogroup:x:65534:\n' "$DOCKER_GID" >"$ROOT/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$ROOT/etc/nsswitch.conf"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost\n' >"$ROOT/etc/hosts"
: >"$ROOT/etc/resolv.conf"
printf 'PRETTY_NAME="Nested Docker minimal image (docker %s)"\nID=nested-docker-minimal\n' "$DOCKERD_VERSION" >"$ROOT/etc/os-release"

if [ "$(id -u)" -eq 0 ]; then
  step "smoke test in a chroot"
  for cmd in "dockerd --version" "containerd --version" "runc --version" "docker-init --version" "iptables --version" "ps" "sh -c true"; do
    out=$(chroot "$ROOT" /usr/bin/env PATH="$IMAGE_PATH" $cmd 2>&1) || die "'$cmd' fails inside the rootfs: $out"
  done
  rm -rf "$ROOT/usr/libexec"   # what the smoke test unpacked: each level unpacks its own
fi

step "importing $TAG"
old=$($DOCKER image inspect -f '{{.Id}}' "$TAG" 2>/dev/null || true)
tar -C "$ROOT" --numeric-owner --owner=0 --group=0 -cf - . | $DOCKER import \
  --change "ENV PATH=$IMAGE_PATH" --change "LABEL nested-docker.image=dind-minimal" \
  --change "LABEL nested-docker.docker-version=$DOCKERD_VERSION" --change 'CMD ["dockerd"]' \
  --message "built by scripts/build-minimal-image.sh" - "$TAG" >/dev/null
new=$($DOCKER image inspect -f '{{.Id}}' "$TAG")
[ -n "$old" ] && [ "$old" != "$new" ] && { $DOCKER rmi "$old" >/dev/null 2>&1 || true; }
info "$TAG: $($DOCKER image inspect -f '{{.Size}}' "$TAG" | awk '{ printf "%.1f MB", $1 / 1000000 }')"
step "done in $(( $(date +%s) - START_TS ))s"
