#!/usr/bin/env bash
# The include and wording rules of docs/design.md ("Folders"); prints each violation.
set -u
root=${1:?usage: layout_test.sh SOURCE_DIR}
cd "$root" || exit 2
failures=0
fail() {
  echo "layout: $1"
  echo "$2" | sed 's/^/    /'
  failures=$((failures + 1))
}
check() {  # check RULE COMMAND... : the command's output lists the violations
  local rule=$1
  shift
  local found
  found=$("$@" 2>/dev/null)
  [ -n "$found" ] && fail "$rule" "$found"
}

# Public headers hold types and calls: no regex, locks, Boost or OpenSSL.
check "include/jot includes an implementation header" \
  grep -nE '#include *<(regex|mutex|shared_mutex|condition_variable|boost/[^>]*|openssl/[^>]*)>' \
  -r include/jot
# Tools use the public headers only, and never put src/ on their include path.
check "a tool includes a private library header" \
  grep -nE '#include *"(src/|\.\./|(base|json|keys|jws|jwt|remote|jwe)/)' -r cli server \
  bindings/node/src
check "a tool adds src/ to its include path" \
  grep -nE 'PROJECT_SOURCE_DIR\}/src|\.\./src' cli/CMakeLists.txt server/CMakeLists.txt \
  bindings/node/CMakeLists.txt
# A Key's material and a JsonObject's document are the library's: tests of private code reach
# them through tests/support (key_internals.hpp, json_internals.hpp) only.
check "a test reaches past Key or JsonObject without tests/support" \
  grep -rnE 'detail::(KeyAccess|JsonAccess|key_data|json_doc)\b' tests bench fuzz examples \
  --exclude-dir=support
# The library speaks of the project in its own words.
check "include/ or src/ says \"seed\"" grep -rni 'seed' include src
check "include/ or src/ cites a document outside the repository" \
  grep -rnE '\.\./shared|spec §' include src

if [ "$failures" -ne 0 ]; then
  echo "layout: $failures rule(s) broken"
  exit 1
fi
echo "layout: all rules hold"
