# Samverkan — two commands: `make run` and `make test`. Everything else here serves them.
SHELL := /bin/bash
.DEFAULT_GOAL := run

export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
# Builds live outside the clone so that a fresh clone on this machine starts warm.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/samverkan/target

CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/"/,"",$$3); print $$3; exit}' Cargo.lock)
DEMO_PASSWORD ?= Samverkan-demo-2026
BIN_RELEASE := $(CARGO_TARGET_DIR)/release/samverkan
BIN_DEBUG := $(CARGO_TARGET_DIR)/debug/samverkan
# Tests reuse cargo-leptos' debug artifacts only with the same flags (see docs/operations.md).
TEST_RUSTFLAGS := --cfg erase_components
# leptos reads this at compile time to name the wasm file; cargo-leptos sets it, so every other
# cargo command must too, or `cargo test` rebuilds the server asking for `samverkan_bg.wasm`.
export LEPTOS_OUTPUT_NAME := samverkan

# Cargo decides freshness per checkout path but keeps one copy of the final wasm and binary per
# target dir. When another checkout (a fresh clone, CI) built here last, touch ours so they are
# relinked from this source; otherwise the page calls server-function URLs the binary lacks.
STAMP := $(CARGO_TARGET_DIR)/.samverkan-checkout

# Python test tools (aiosmtpd) in a virtualenv beside the target dir; the SMTP fault test finds it here.
PY_TOOLS := $(HOME)/.cache/samverkan/py
export SAMVERKAN_TEST_PYTHON := $(PY_TOOLS)/bin/python

.PHONY: run test tools checkout-stamp rust-tools node-tools py-tools chromium build build-debug unit-test pg-test e2e clean-data fmt

run: tools build
	@mkdir -p data
	$(BIN_RELEASE) migrate
	$(BIN_RELEASE) seed-demo --if-empty --password '$(DEMO_PASSWORD)'
	@echo "Samverkan körs på http://127.0.0.1:3000 (Ctrl-C avslutar)"
	$(BIN_RELEASE) serve

test: tools py-tools chromium build-debug unit-test pg-test e2e
	@echo "make test: alla tester gick igenom"

tools: rust-tools node-tools

rust-tools:
	@rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)" || cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked --debug
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --debug

node-tools:
	@if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/@playwright/test ] || [ package.json -nt node_modules/.stamp ]; then \
		npm install --no-audit --no-fund && touch node_modules/.stamp; fi

py-tools:
	@if [ ! -x $(PY_TOOLS)/bin/python ] || [ .ci/requirements.txt -nt $(PY_TOOLS)/.stamp ]; then \
		python3 -m venv $(PY_TOOLS) && $(PY_TOOLS)/bin/pip install -q -r .ci/requirements.txt && touch $(PY_TOOLS)/.stamp; fi

chromium:
	@if ! command -v chromium >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core; \
		else echo "Chromium saknas: installera Debian-paketet 'chromium' (sudo apt-get install chromium)"; exit 1; fi; fi

checkout-stamp:
	@mkdir -p $(CARGO_TARGET_DIR)
	@if [ "$$(cat $(STAMP) 2>/dev/null)" != "$(CURDIR)" ]; then \
		touch app/src/lib.rs server/src/main.rs server/src/lib.rs entity/src/lib.rs migration/src/lib.rs; echo "$(CURDIR)" > $(STAMP); fi

build: checkout-stamp
	cargo leptos build --release

build-debug: checkout-stamp
	cargo leptos build

# Under nextest when it is installed (one process per test, a hung test is ended and retried once).
unit-test: checkout-stamp
	@if cargo nextest --version >/dev/null 2>&1; then \
		RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo nextest run --profile ci -p app --features ssr -p server -p entity -p migration; \
		else RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo test -p app --features ssr -p server -p entity -p migration; fi

# The service, HTTP and matrix suites again on a throwaway PostgreSQL cluster (loopback only), when
# one can be started. The outage test stops its cluster, so it gets a cluster of its own.
pg-test: checkout-stamp
	@bash .ci/with-postgres.sh bash -c 'if cargo nextest --version >/dev/null 2>&1; then \
		RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo nextest run --profile ci -p server --test services --test http --test matrix; \
		else RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo test -p server --test services --test http --test matrix; fi'
	@bash .ci/with-postgres.sh bash -c 'RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo test -q -p server --test faults -- --nocapture --test-threads=1 postgres_outage two_processes'

e2e:
	bash end2end/run.sh $(BIN_DEBUG)

fmt:
	cargo fmt --all

clean-data:
	rm -rf data
