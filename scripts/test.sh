#!/usr/bin/env bash
# npm test: sets up what is missing (as `npm run setup`), then every suite, each phase timed:
# set-up (apt, dockerd, npm), images, compile, unit, integration, VS Code (code-server install, extension host, UI:
# the levels tree, the Nesting Map, the per-level explorer), then the VM host suite (a cgroup v2 + AppArmor Debian
# guest under qemu, driven over SSH: scripts/vm/run-suite.sh; NESTED_DOCKER_SKIP_VM=1 leaves it out locally).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/phases.sh
own_record=""
if [ -z "${NESTED_DOCKER_PHASES:-}" ]; then
  NESTED_DOCKER_PHASES=$(mktemp); own_record=1; export NESTED_DOCKER_PHASES
fi
finish() {
  local rc=$?
  phase_summary
  [ -z "$own_record" ] || rm -f "$NESTED_DOCKER_PHASES"
  exit "$rc"
}
trap finish EXIT

bash scripts/setup-machine.sh
images=(--variant all)
[ "${NESTED_DOCKER_REBUILD_IMAGES:-}" != 1 ] || images+=(--force)
phase images bash scripts/build-local-image.sh "${images[@]}"
phase compile npm run --silent compile
phase lint npm run --silent lint
phase unit npm run --silent test:unit
phase integration npm run --silent test:integration
phase vsix sh -c 'npm run --silent package && node scripts/check-vsix.mjs'
phase code-server bash scripts/vscode/install-code-server.sh
phase vscode-host npm run --silent test:vscode:host
phase vscode-ui npm run --silent test:vscode:ui
phase vscode-map npm run --silent test:vscode:map
phase vscode-explorer npm run --silent test:vscode:explorer
if [ "${NESTED_DOCKER_SKIP_VM:-0}" = 1 ] && [ -z "${CI:-}" ]; then echo "== vm: skipped (NESTED_DOCKER_SKIP_VM=1)"
else phase vm npm run --silent test:vm; fi
# docs/reliability.md from what the fault and bad-input suites recorded (the build machine's, the VM's, the UI's),
# ending with their counts
phase reliability-doc npm run --silent reliability:doc
