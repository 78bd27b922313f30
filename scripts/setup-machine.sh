#!/usr/bin/env bash
# Prepares a fresh Debian machine to build, run and test Nested Docker Sessions: Debian packages (Docker Engine and
# what the offline image, the code-server build and the tests need), a running dockerd, npm packages.
# Idempotent; every step is skipped when already done. Used by `npm start`, `npm test`, `npm run setup` and CI.
# Where it cannot act (no root and no sudo, a dockerd this user may not use), it says exactly what to run.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/phases.sh

say() { echo "setup: $*"; }
fail() { echo "setup: $*" >&2; exit 1; }
APT_PACKAGES=(docker.io busybox-static iptables procps ca-certificates openssh-server openssh-client chromium
  libkrb5-dev build-essential python3 pkg-config)

# Runs a command as root: directly, through sudo, or not at all (then the caller prints what to run).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then sudo "$@"
  else return 126
  fi
}

install_packages() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || { say "Debian packages present"; return 0; }
  command -v apt-get >/dev/null 2>&1 || fail "no apt-get here: install ${missing[*]} (or your system's equivalents: Docker Engine, Chromium, Kerberos headers, a C++ toolchain) and run this again"
  say "installing ${missing[*]}"
  local rc=0
  as_root apt-get update -qq || rc=$?
  [ "$rc" -ne 126 ] || fail "installing Debian packages needs root: run  sudo apt-get install -y ${missing[*]}  (or run this as root), then run this again"
  [ "$rc" -eq 0 ] || fail "apt-get update failed (exit $rc)"
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# A Docker daemon: the one already answering, else Debian's dockerd started in the background.
start_dockerd() {
  if docker info >/dev/null 2>&1; then return 0; fi
  if as_root docker info >/dev/null 2>&1 && [ "$(id -u)" -ne 0 ]; then
    fail "dockerd runs, but $(id -un) may not use it: run  sudo usermod -aG docker $(id -un)  and log in again"
  fi
  local log=/var/log/nested-docker-dockerd.log rc=0
  say "starting dockerd (log: $log)"
  as_root sh -c "nohup dockerd >$log 2>&1 &" || rc=$?
  [ "$rc" -ne 126 ] || fail "no Docker daemon answers and starting one needs root: run  sudo dockerd  (or  sudo systemctl start docker), then run this again"
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && return 0; sleep 1; done
  as_root tail -30 "$log" >&2 || true
  fail "dockerd did not start within 60 s (its log is above)"
}

npm_packages() {
  if [ -d node_modules ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
    say "npm packages present"; return 0
  fi
  say "npm ci"
  npm ci --no-audit --no-fund
}

phase apt install_packages
phase dockerd start_dockerd
say "docker $(docker info --format '{{.ServerVersion}} ({{.Driver}}, cgroup v{{.CgroupVersion}})')"
phase npm npm_packages
