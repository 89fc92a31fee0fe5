#!/usr/bin/env bash
# make demo: the seed's flow, end to end, on the embedded defaults.
set -euo pipefail
build="${1:-build/release}"
echo "== jot: the seed's flow (sign {\"userId\":123} with 'mysecret', verify, tamper) =="
"$build/examples/jot_seed_flow"
