#!/usr/bin/env bash
# Builds the guest disk of the VM host offline, from Debian packages only (mmdebstrap: apt into a directory):
# Debian 12, systemd, docker.io, apparmor, iptables, openssh-server, the stock kernel. Idempotent: the result is
# kept under $NESTED_DOCKER_CACHE/vm/debian12-<profile>/ and rebuilt only when this recipe changes (or --force).
#   NESTED_DOCKER_VM_PROFILE  apparmor (default) | selinux (adds selinux-policy-default)
#   DEBOOTSTRAP_MIRROR        default: the host's own Debian mirror (from its apt sources), else deb.debian.org
set -euo pipefail
. "$(dirname "$0")/lib.sh"

FORCE=0
[ "${1:-}" = --force ] && FORCE=1
[ "$(id -u)" -eq 0 ] || vm_die "building the guest disk needs root (mmdebstrap, chroot)"

PACKAGES=(linux-image-amd64 initramfs-tools systemd-sysv udev dbus openssh-server docker.io containerd runc tini
  apparmor iptables iproute2 procps kmod xz-utils busybox-static ca-certificates util-linux e2fsprogs)
[ "$VM_PROFILE" = selinux ] && PACKAGES+=(selinux-basics selinux-policy-default auditd)
DISK_SIZE=${NESTED_DOCKER_VM_DISK_SIZE:-8G}

# Two fingerprints: the package set (the slow part, a tree kept in the cache) and the whole recipe (this script:
# guest configuration and mkfs, seconds). Editing the configuration reuses the installed tree.
PKG_STAMP=$( { sed -n '/^# >>> packages/,/^# <<< packages/p' "$0"; echo "${PACKAGES[*]} $VM_PROFILE"; } | sha256sum | cut -c1-16)
STAMP=$( { cat "$0"; echo "${PACKAGES[*]} $DISK_SIZE $VM_PROFILE"; } | sha256sum | cut -c1-16)
if [ "$FORCE" = 0 ] && [ -f "$VM_DIR/stamp" ] && [ "$(cat "$VM_DIR/stamp")" = "$STAMP" ] \
   && [ -f "$VM_DIR/disk.img" ] && [ -f "$VM_DIR/vmlinuz" ] && [ -f "$VM_DIR/initrd.img" ]; then
  vm_log "guest disk up to date: $VM_DIR (recipe $STAMP)"
  exit 0
fi

ensure_host_tools mmdebstrap:mmdebstrap mkfs.ext4:e2fsprogs ssh-keygen:openssh-client chroot:coreutils

mirror() {
  [ -n "${DEBOOTSTRAP_MIRROR:-}" ] && { echo "$DEBOOTSTRAP_MIRROR"; return; }
  local m
  m=$( { grep -hE '^\s*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}';
         grep -hE '^\s*deb\s' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{for(i=2;i<=NF;i++) if ($i ~ /^https?:/) {print $i; break}}'; } \
       | grep -E '/debian/?$' | grep -v security | head -n1 || true)
  echo "${m:-http://deb.debian.org/debian}"
}
MIRROR=$(mirror)

mkdir -p "$VM_DIR"
WORK=$(mktemp -d "$CACHE_ROOT/vm/build.XXXXXX")
ROOT=$VM_DIR/tree
cleanup() { rm -rf "$WORK" "$VM_DIR/tree.new"; }
trap cleanup EXIT
LOG=$VM_DIR/build.log
: >"$LOG"
run_logged() { "$@" >>"$LOG" 2>&1 || { tail -n 40 "$LOG" >&2; vm_die "failed: $* (log: $LOG)"; }; }

t0=$(now_s)
# >>> packages (this block and the package list make the tree's fingerprint)
# One pass of apt (mmdebstrap): the essential set and every package resolved together, downloads in parallel,
# dpkg without fsync, no Recommends, daemons kept from starting (policy-rc.d), apt's lists and caches removed.
# The initrd is made small (MODULES=list: qemu's virtio disk and ext4, the rest loads from /): the default
# MODULES=most takes minutes on a busy machine and slows the boot under emulation.
if [ "$FORCE" = 1 ] || [ ! -f "$VM_DIR/tree.stamp" ] || [ "$(cat "$VM_DIR/tree.stamp")" != "$PKG_STAMP" ] || [ ! -d "$ROOT" ]; then
  rm -rf "$ROOT" "$VM_DIR/tree.stamp" "$VM_DIR/tree.new"
  vm_log "mmdebstrap bookworm from $MIRROR: ${PACKAGES[*]} (log: $LOG)"
  run_logged mmdebstrap --mode=root --variant=apt --dpkgopt=force-unsafe-io \
    --include="$(IFS=,; echo "${PACKAGES[*]}")" \
    --essential-hook='mkdir -p "$1/etc/initramfs-tools/conf.d" "$1/usr/share/initramfs-tools/modules.d" && echo MODULES=list >"$1/etc/initramfs-tools/conf.d/nested-docker.conf" && printf "%s\n" virtio_pci virtio_blk virtio_net ext4 crc32c_generic >"$1/usr/share/initramfs-tools/modules.d/nested-docker"' \
    bookworm "$VM_DIR/tree.new" "deb $MIRROR bookworm main"
  rm -f "$VM_DIR/tree.new/etc/dpkg/dpkg.cfg.d/99mmdebstrap"
  mv "$VM_DIR/tree.new" "$ROOT"
  echo "$PKG_STAMP" >"$VM_DIR/tree.stamp"
else
  vm_log "installed tree up to date: $ROOT (packages $PKG_STAMP)"
fi
# <<< packages
t1=$(now_s)
t2=$t1

# --- guest configuration ---------------------------------------------------------------------------------
echo nd-vm >"$ROOT/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tnd-vm\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$ROOT/etc/hosts"
printf '/dev/vda\t/\text4\trw,errors=remount-ro\t0\t1\n' >"$ROOT/etc/fstab"
: >"$ROOT/etc/resolv.conf"                    # offline guest: nothing to resolve
: >"$ROOT/etc/machine-id"                     # systemd makes one on first boot
mkdir -p "$ROOT/etc/systemd/network"
printf '[Match]\nName=en*\n\n[Network]\nDHCP=ipv4\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n' >"$ROOT/etc/systemd/network/50-dhcp.network"
chroot "$ROOT" systemctl enable systemd-networkd >>"$LOG" 2>&1
# Units a headless VM without GPU or EFI does not need (each costs seconds of emulated CPU at every boot).
chroot "$ROOT" systemctl mask systemd-networkd-wait-online.service apt-daily.timer apt-daily-upgrade.timer \
  e2scrub_reap.service modprobe@drm.service modprobe@efi_pstore.service >>"$LOG" 2>&1 || true
chroot "$ROOT" systemctl enable docker.service ssh.service >>"$LOG" 2>&1
# sshd: keys only, root by key (the usual Docker host login), no DNS lookups (there is no DNS)
mkdir -p "$ROOT/etc/ssh/sshd_config.d"
printf 'PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\nUseDNS no\nMaxSessions 64\nMaxStartups 64:30:128\n' \
  >"$ROOT/etc/ssh/sshd_config.d/nested-docker.conf"
# the harness's key pair: root's only way in
rm -f "$WORK/id_ed25519" "$WORK/id_ed25519.pub"
ssh-keygen -q -t ed25519 -N '' -C nested-docker-vm -f "$WORK/id_ed25519"
install -d -m 0700 "$ROOT/root/.ssh"
install -m 0600 "$WORK/id_ed25519.pub" "$ROOT/root/.ssh/authorized_keys"
# the host key openssh-server's postinst generated: pinned, never trusted on first use
[ -f "$ROOT/etc/ssh/ssh_host_ed25519_key.pub" ] || vm_die "openssh-server made no ed25519 host key"
cp "$ROOT/etc/ssh/ssh_host_ed25519_key.pub" "$WORK/host_ed25519.pub"
# the journal on disk, so a reboot keeps the previous boot's daemon log
mkdir -p "$ROOT/var/log/journal"
# a serial console shell is not needed; keep the console for kernel messages only
chroot "$ROOT" systemctl mask serial-getty@ttyS0.service >>"$LOG" 2>&1 || true

# kernel and initrd, for qemu's direct boot
KERNEL=$(ls "$ROOT"/boot/vmlinuz-* | sort -V | tail -n1)
INITRD=$(ls "$ROOT"/boot/initrd.img-* | sort -V | tail -n1)
[ -f "$KERNEL" ] && [ -f "$INITRD" ] || vm_die "no kernel/initrd in the guest tree"
cp "$KERNEL" "$WORK/vmlinuz"; cp "$INITRD" "$WORK/initrd.img"

if [ "$VM_PROFILE" = selinux ]; then
  # Label the tree offline so the first boot needs no relabel-and-reboot cycle.
  run_logged chroot "$ROOT" bash -c 'selinux-activate >/dev/null 2>&1 || true; sed -i "s/^SELINUX=.*/SELINUX=enforcing/" /etc/selinux/config'
  rm -f "$ROOT/.autorelabel"
  run_logged chroot "$ROOT" setfiles -F /etc/selinux/default/contexts/files/file_contexts /
fi

vm_log "mkfs.ext4 ($DISK_SIZE sparse) from the tree"
rm -f "$WORK/disk.img"
truncate -s "$DISK_SIZE" "$WORK/disk.img"
run_logged mkfs.ext4 -q -F -L nd-root -d "$ROOT" "$WORK/disk.img"
t3=$(now_s)

for f in disk.img vmlinuz initrd.img id_ed25519 id_ed25519.pub host_ed25519.pub; do mv -f "$WORK/$f" "$VM_DIR/$f"; done
echo "$STAMP" >"$VM_DIR/stamp"
vm_log "guest disk built in $((t3 - t0)) s (packages $((t1 - t0)) s, config+mkfs $((t3 - t2)) s): $VM_DIR"
echo "$((t3 - t0))" >"$VM_DIR/build-seconds"
