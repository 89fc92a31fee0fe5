# The two commands of the README, and a few more. Every target first installs what is
# missing (scripts/deps.sh is idempotent and does nothing when all is present).

PRESET ?= release
BUILD  := build/$(PRESET)
JOBS   ?= $(shell nproc)

.PHONY: all deps build demo test test-release test-asan bench bench-compare fuzz format clean

all: build

deps:
	@scripts/deps.sh test

build: deps
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)

# Every test: the release build, then the whole C++ suite again under ASan+UBSan (+LSan).
test: deps
	@$(MAKE) --no-print-directory test-release
	@$(MAKE) --no-print-directory test-asan

test-release:
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)
	@ctest --preset release

test-asan:
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ctest --preset asan

# Benchmarks (issue #6): jot against the OpenSSL floor, medians of 5 repetitions, then the
# ratio tables. Always the release preset (optimised), whatever PRESET says.
bench:
	@scripts/deps.sh bench
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target jot_bench
	@build/release/bench/jot_bench --benchmark_repetitions=5 --benchmark_display_aggregates_only=true

# The same operations with libjwt, cpp-jwt (C++) and jsonwebtoken, fast-jwt, jose (Node).
bench-compare:
	@scripts/deps.sh bench
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target jot_bench jot_bench_peers
	@bench/compare.sh build/release

# FUZZ_SECONDS=600 make fuzz  — every libFuzzer target for that long (default 60 s each).
fuzz:
	@scripts/deps.sh test
	@scripts/fuzz.sh

# CI: every libFuzzer target briefly (15 s each), from its seeds and the corpus so far, with
# a fixed seed (reproducible on a fresh clone; `make fuzz` explores with fresh ones).
.PHONY: fuzz-smoke
fuzz-smoke:
	@scripts/deps.sh test
	@FUZZ_SECONDS=15 FUZZ_SEED=$${FUZZ_SEED:-20261130} scripts/fuzz.sh

FORMAT_FILES = find include src tests bench cli server fuzz examples bindings/node/src \
	  \( -name '*.hpp' -o -name '*.cpp' \) 2>/dev/null

format:
	@$(FORMAT_FILES) | xargs clang-format -i

# CI: fails on any C++ file that clang-format (the repo's .clang-format) would change.
.PHONY: format-check
format-check:
	@scripts/deps.sh test
	@$(FORMAT_FILES) | xargs clang-format --dry-run -Werror

clean:
	rm -rf build

# jot serve under load (wrk, keep-alive): /health and /protected, and the same routes on a
# minimal Node express + jsonwebtoken server as the reference.
.PHONY: bench-server
bench-server:
	@scripts/deps.sh bench
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target jot_cli
	@server/bench/bench_server.sh $(BUILD)

# The Node.js binding against jsonwebtoken, fast-jwt and jose (bindings/node/bench/bench.js).
.PHONY: bench-node
bench-node: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target jot_node
	@cd bindings/node && JOT_NODE_ADDON=$(CURDIR)/$(BUILD)/bindings/node/jot.node node bench/bench.js
