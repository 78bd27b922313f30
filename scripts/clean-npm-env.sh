#!/usr/bin/env bash
# Runs a command without the environment that an outer npm gives its scripts, so that a nested `npm install`
# (code-server's, started from `npm test` or `npm start`) sees the machine as a shell would.
#
#   bash scripts/clean-npm-env.sh [--prepend-path DIR] CMD [ARGS…]
#
# Why: npm exports its configuration to scripts as npm_config_* (and npm_lifecycle_*, npm_package_*, INIT_CWD, NODE,
# node_modules/.bin and node-gyp-bin on PATH). A nested npm reads those as its own configuration: code-server's
# postinstall then read the outer Node's major from npm_config_user_agent ("node/v20") and refused to build, and
# the outer nodedir/allow-scripts settings leaked in too. Every value npm exported from an npmrc file is read again
# from that file by the nested npm, so nothing is lost. Upper-case NPM_CONFIG_* variables are the user's own (npm
# never exports those) and stay.
set -euo pipefail
prepend=""
if [ "${1:-}" = "--prepend-path" ]; then prepend="${2:?--prepend-path needs a folder}"; shift 2; fi
[ $# -gt 0 ] || { echo "usage: clean-npm-env.sh [--prepend-path DIR] CMD [ARGS…]" >&2; exit 2; }

unset_args=()
while IFS= read -r name; do
  case "$name" in
    npm_*|INIT_CWD|NODE) unset_args+=(-u "$name") ;;
  esac
done < <(compgen -e)

clean_path="$prepend"
IFS=: read -r -a parts <<<"${PATH:-}"
for p in "${parts[@]}"; do
  case "$p" in
    ''|*/node_modules/.bin|*/node-gyp-bin) ;;
    *) clean_path="${clean_path:+$clean_path:}$p" ;;
  esac
done

exec env "${unset_args[@]}" PATH="$clean_path" "$@"
