#pragma once

// Heap allocations per benchmark iteration, as counters of the row: C++ operator new and
// OpenSSL's CRYPTO_malloc, counted by tests/support/alloc_counter (the counter the tests'
// allocation budgets use; OpenSSL's are counted once main installed the hook).

#include <benchmark/benchmark.h>

#include "support/alloc_counter.hpp"

namespace jot::bench {

struct AllocCounts {
  long cxx = 0;      // operator new / new[]
  long openssl = 0;  // CRYPTO_malloc / CRYPTO_realloc
};

// This thread's running totals.
inline AllocCounts alloc_counts() noexcept {
  return {jot_test::thread_allocations(), jot_test::thread_openssl_allocations()};
}

// Adds the heap allocations per operation made by this thread since `before`.
inline void report_allocations(benchmark::State& state, const AllocCounts& before) {
  const AllocCounts after = alloc_counts();
  state.counters["cxx_allocs"] = benchmark::Counter(static_cast<double>(after.cxx - before.cxx),
                                                    benchmark::Counter::kAvgIterations);
  state.counters["ossl_allocs"] = benchmark::Counter(
      static_cast<double>(after.openssl - before.openssl), benchmark::Counter::kAvgIterations);
}

}  // namespace jot::bench
