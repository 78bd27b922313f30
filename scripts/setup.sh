#!/usr/bin/env bash
# npm run setup: everything `npm start` needs, and nothing else: Debian packages, a running dockerd, npm packages,
# the offline dind image and code-server (a real VS Code; its first build takes about 4 minutes). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/phases.sh
bash scripts/setup-machine.sh
phase image bash scripts/build-local-image.sh ${NESTED_DOCKER_QUIET:+--quiet}
phase code-server bash scripts/vscode/install-code-server.sh >/dev/null
