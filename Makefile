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

bench:
	@scripts/deps.sh bench
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target jot_bench
	@$(BUILD)/bench/jot_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true

# FUZZ_SECONDS=600 make fuzz  — every libFuzzer target for that long (default 60 s each).
fuzz:
	@scripts/deps.sh test
	@scripts/fuzz.sh

format:
	@find include src tests bench cli server fuzz examples bindings/node/src \
	  \( -name '*.hpp' -o -name '*.cpp' \) 2>/dev/null | xargs clang-format -i

clean:
	rm -rf build
