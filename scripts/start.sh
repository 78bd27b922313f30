#!/usr/bin/env bash
# npm start: on any machine, fresh or not, set up what is missing (the same idempotent steps as `npm run setup`:
# Debian packages, a running dockerd, npm packages, the offline dind image, code-server), build the VSIX and open it
# in a real VS Code (code-server on 127.0.0.1) against your Docker daemon. The first run takes 6–10 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/phases.sh

NESTED_DOCKER_QUIET=1 bash scripts/setup.sh
phase vsix npm run --silent package
# The extension and the CLI share the relay folder, so a terminal's `nested-docker` sees the same sockets.
export NESTED_DOCKER_RELAY_DIR="${NESTED_DOCKER_RELAY_DIR:-${XDG_RUNTIME_DIR:-/tmp}/nested-docker-$(id -u)}"
echo "start: opening Nested Docker Sessions in code-server; open the address below in a browser (Ctrl+C stops it)"
exec node scripts/vscode/code-server-env.mjs --vsix nested-docker-sessions.vsix "${1:-$PWD}"
