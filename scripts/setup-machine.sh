#!/usr/bin/env bash
# Prepares a fresh Debian machine to build, run and test Nested Docker Sessions:
# Debian packages (Docker Engine and what the offline image and the tests need), a running dockerd, npm packages.
# Idempotent; every step is skipped when already done. Used by .ci/run and by `npm run setup`.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "setup: $*"; }
APT_PACKAGES=(docker.io busybox-static iptables procps ca-certificates openssh-server openssh-client chromium libkrb5-dev)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A Docker daemon: the one already answering, else start Debian's dockerd in the background.
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! docker info >/dev/null 2>&1 && $SUDO docker info >/dev/null 2>&1; then
  echo "setup: dockerd runs, but $(id -un) may not use it: add yourself to the docker group (sudo usermod -aG docker $(id -un)) and log in again" >&2
  exit 1
fi
if ! docker info >/dev/null 2>&1; then
  say "starting dockerd (log: /var/log/nested-docker-ci-dockerd.log)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO sh -c 'nohup dockerd >/var/log/nested-docker-ci-dockerd.log 2>&1 &'
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { tail -30 /var/log/nested-docker-ci-dockerd.log; echo "setup: dockerd did not start" >&2; exit 1; }
fi
say "docker $(docker info --format '{{.ServerVersion}} ({{.Driver}}, cgroup v{{.CgroupVersion}})')"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
fi
