#!/usr/bin/env bash
# SIGKILL the server 20 times while people write comments and status notes (server/tests/faults.rs);
# every write answered with success must be in the database afterwards, integrity_check must pass.
# `make test` runs the same test with one kill. ROUNDS=N to change the number.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/samverkan/target}
export LEPTOS_OUTPUT_NAME=samverkan RUSTFLAGS="--cfg erase_components"
SAMVERKAN_KILL_ROUNDS=${ROUNDS:-20} cargo test -q -p server --test faults -- --nocapture 2>&1 | grep -E "kill\(s\)|test result|panicked|lost"
