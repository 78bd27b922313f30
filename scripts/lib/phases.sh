# Sourced by the set-up and test scripts: run a named phase, time it, and record it for the summary.
#   phase NAME CMD [ARGS…]      runs CMD; prints "== NAME: N s"; returns CMD's status
#   phase_summary               the table of every phase recorded in this run (npm test / .ci/run print it)
# The record is the file named by NESTED_DOCKER_PHASES (set by the outermost script), so phases timed in nested
# scripts (apt and npm inside the set-up) land in the same table.
phase() {
  local name=$1 t0 rc=0
  shift
  t0=$(date +%s)
  "$@" || rc=$?
  local took=$(( $(date +%s) - t0 ))
  echo "== $name: ${took} s$([ "$rc" -eq 0 ] || echo " (failed, exit $rc)")"
  [ -z "${NESTED_DOCKER_PHASES:-}" ] || printf '%s\t%s\t%s\n' "$name" "$took" "$rc" >>"$NESTED_DOCKER_PHASES"
  return "$rc"
}

phase_summary() {
  [ -n "${NESTED_DOCKER_PHASES:-}" ] && [ -s "$NESTED_DOCKER_PHASES" ] || return 0
  echo "phase times:"
  awk -F'\t' '{ printf "  %-22s %5d s%s\n", $1, $2, ($3 == 0 ? "" : "  FAILED") }' "$NESTED_DOCKER_PHASES"
}
