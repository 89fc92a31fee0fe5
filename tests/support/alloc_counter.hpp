#pragma once

// Counts the heap allocations made by the calling thread, for the tests' allocation budgets
// and the benchmarks' allocations per operation (bench/ compiles this same counter).
// alloc_counter.cpp replaces the global allocation functions (every form of operator new)
// with ones that count, then defer to malloc/free; count_openssl_allocations() also routes
// OpenSSL's CRYPTO_malloc/CRYPTO_realloc through a counter of their own.

#include <type_traits>

namespace jot_test {

// C++ allocations (operator new, new[]) made so far by the calling thread.
long thread_allocations() noexcept;

// OpenSSL allocations (CRYPTO_malloc, CRYPTO_realloc) made so far by the calling thread;
// counted only after count_openssl_allocations().
long thread_openssl_allocations() noexcept;

// Routes OpenSSL's allocations through the counter. Must run before OpenSSL allocates
// anything (first thing in main); false if it was too late.
bool count_openssl_allocations() noexcept;

// Allocations made by `f` on this thread. A value `f` returns is destroyed outside the
// window, so a result the caller keeps is counted but its destruction is not.
template <typename F>
long count_allocations(F&& f) {
  const long before = thread_allocations();
  if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
    f();
    return thread_allocations() - before;
  } else {
    auto result = f();
    const long n = thread_allocations() - before;
    return n;
  }
}

}  // namespace jot_test
