#pragma once

// Counts the heap allocations (every form of operator new) made by the calling thread.
// alloc_counter.cpp replaces the global allocation functions of every test executable with
// ones that only count, then defer to malloc/free; allocation budgets of the hot paths are
// asserted with count_allocations().

#include <type_traits>

namespace jot_test {

// Allocations made so far by the calling thread.
long thread_allocations() noexcept;

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
