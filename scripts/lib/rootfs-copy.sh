# Sourced by the image builders: copy binaries into the rootfs at $ROOT with every shared library they load.
#   copy_libs ELF…      the shared libraries and the dynamic loader each file loads (resolved with ldd), once each
#   copy_bin SRC DEST   SRC dereferenced to $ROOT/DEST (mode 0755), then its libraries
# LIBS_DONE remembers what was copied into the current $ROOT: reset it (LIBS_DONE=" ") when ROOT changes.
LIBS_DONE=" "

copy_libs() {
  local f lib
  for f in "$@"; do
    # static binaries: ldd says "not a dynamic executable" and fails
    while read -r lib; do
      [ -n "$lib" ] || continue
      case "$LIBS_DONE" in *" $lib "*) continue ;; esac
      LIBS_DONE="$LIBS_DONE$lib "
      mkdir -p "$ROOT$(dirname "$lib")"
      cp -L "$lib" "$ROOT$lib"
    done < <(ldd "$f" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3; next } $1 ~ /^\// { print $1 }' || true)
  done
}

copy_bin() {
  mkdir -p "$ROOT$(dirname "$2")"
  cp -L "$1" "$ROOT$2"
  chmod 0755 "$ROOT$2"
  copy_libs "$1"
}
