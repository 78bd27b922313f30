#!/usr/bin/env bash
# npm start: build the VSIX and open it in a real VS Code (code-server on 127.0.0.1) against your Docker daemon.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! docker info >/dev/null 2>&1; then
  echo "start: no Docker daemon answers (docker info failed)." >&2
  echo "start: install and start one with:  npm run setup   (Debian packages, dockerd, the offline image; CI does the same)" >&2
  exit 1
fi
[ -d node_modules ] || npm ci --no-audit --no-fund
docker image inspect nested-docker/dind:local >/dev/null 2>&1 || bash scripts/build-local-image.sh
npm run --silent package
bash scripts/vscode/install-code-server.sh >/dev/null
# The extension and the CLI share the relay folder, so a terminal's `nested-docker` sees the same sockets.
export NESTED_DOCKER_RELAY_DIR="${NESTED_DOCKER_RELAY_DIR:-${XDG_RUNTIME_DIR:-/tmp}/nested-docker-$(id -u)}"
echo "start: opening Nested Docker Sessions in code-server; open the address below in a browser (Ctrl+C stops it)"
exec node scripts/vscode/code-server-env.mjs --vsix nested-docker-sessions.vsix "${1:-$PWD}"
