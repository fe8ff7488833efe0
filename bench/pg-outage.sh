#!/usr/bin/env bash
# PostgreSQL away for 30 s (SAMVERKAN_PG_OUTAGE_SECS) under a write load: the server answers 503,
# serves again by itself within 5 s of the database's return, and loses no acknowledged write.
# The test is server/tests/faults.rs; `make test` runs it with an 8 s outage.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/samverkan/target} LEPTOS_OUTPUT_NAME=samverkan RUSTFLAGS="--cfg erase_components"
export SAMVERKAN_PG_OUTAGE_SECS=${SAMVERKAN_PG_OUTAGE_SECS:-30}
bash .ci/with-postgres.sh cargo test -q -p server --test faults postgres_outage -- --nocapture 2>&1 | grep -E '^outage|test result|panicked'
