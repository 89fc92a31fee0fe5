#pragma once

// Counts heap allocations made by the calling thread: C++ `operator new` (replaced
// globally in alloc_counter.cpp) and OpenSSL's CRYPTO_malloc/realloc (through
// CRYPTO_set_mem_functions). Issue #6 caps heap allocations per HS256 verify.

#include <cstdint>

namespace jot::bench {

struct AllocCounts {
  std::uint64_t cxx = 0;      // operator new / new[]
  std::uint64_t openssl = 0;  // CRYPTO_malloc / CRYPTO_realloc
};

// This thread's running totals.
AllocCounts alloc_counts() noexcept;

// Routes OpenSSL's allocations through the counter. Must run before OpenSSL allocates
// anything (first thing in main); returns false if it was too late.
bool install_openssl_counter() noexcept;

}  // namespace jot::bench
