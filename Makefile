# Postwright. `make serve` and `make test` install whatever is missing first
# (see .ci/setup), so they are the only two commands a newcomer needs.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
# Every tool call runs with the toolchain .ci/setup chose (rustup or the Debian fallback).
ENV := . target/env.sh &&
WASM_TESTS := $(patsubst tests/%.rs,--test %,$(wildcard tests/browser_*.rs))
WASM_RUNNER := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner WASM_BINDGEN_TEST_TIMEOUT=120

.PHONY: setup setup-test dist serve test lint test-native test-wasm test-e2e test-engines bench size-floor cli fuzz

setup:
	bash .ci/setup build

setup-test:
	bash .ci/setup test

## Release build of the static site into dist/.
dist: setup
	$(ENV) trunk build --release

## Build, then serve the editor at http://127.0.0.1:8080/ (rebuilds on change).
serve: setup
	$(ENV) trunk serve --release

## Every test: the repo's gates, native core, in-browser (wasm-bindgen-test), end-to-end (release build)
## in Chromium, then the journeys in Firefox and WebKit.
test: setup-test
	$(MAKE) --no-print-directory lint test-native test-wasm dist test-e2e test-engines

## Gates: the repo stands alone, the core is pure, cargo fmt, clippy -D warnings (native and wasm32).
lint:
	scripts/check-self-contained
	scripts/check-core-pure
	$(ENV) cargo fmt --all --check
	$(ENV) cargo clippy --locked --all-targets -- -D warnings
	$(ENV) cargo clippy --locked --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings

test-native:
	$(ENV) cargo test --locked

test-wasm:
	$(ENV) $(WASM_RUNNER) cargo test --locked --target wasm32-unknown-unknown $(WASM_TESTS)

test-e2e:
	$(ENV) node --test --test-concurrency=1 tests/e2e/*.test.mjs

## The journeys in Firefox ESR and WebKitGTK over WebDriver (release build in dist/); WebKit's
## MiniBrowser needs an X display, so under xvfb-run. POSTWRIGHT_ENGINES=webkit picks one.
test-engines:
	$(ENV) xvfb-run -a -s '-screen 0 1920x1200x24' node --test --test-concurrency=1 tests/engines/*.test.mjs

## Numbers: criterion (native core) and keystroke latency + bundle size in headless Chromium,
## and paste-to-preview time for a 12 MP JPEG and a 20-photo drop.
bench: setup-test dist
	$(ENV) cargo bench --bench render -- --noplot
	$(ENV) node tests/e2e/bench.mjs
	$(ENV) node tests/e2e/bench-images.mjs

## How small the stack alone can be: cumulative probe apps, built as `dist` is.
size-floor: setup
	bash docs/size-floor/run.sh

## The native CLI, installed into ~/.cargo/bin.
cli:
	cargo install --locked --path . --bin postwright

## libFuzzer on the core (nightly toolchain; not part of `make test`): each
## target in fuzz/ for FUZZ_SECONDS, niced, seeded with the test fixtures.
## FUZZ_SANITIZER=address checks memory too (unsafe-libyaml is translated C),
## at about a third of the executions.
FUZZ_TARGETS := split_round_trip edit safe_render incremental_render
FUZZ_SECONDS ?= 60
FUZZ_SANITIZER ?= none
fuzz:
	command -v cargo-fuzz >/dev/null || nice -n 19 cargo install --locked cargo-fuzz
	cd fuzz && for t in $(FUZZ_TARGETS); do \
	  mkdir -p corpus/$$t && cp -n ../tests/fixtures/posts/*.md ../tests/fixtures/real-posts/*.md corpus/$$t/; \
	  nice -n 19 cargo +nightly fuzz run --release -s $(FUZZ_SANITIZER) $$t corpus/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -print_final_stats=1 || exit 1; \
	done
