#pragma once

// The clock that exp, nbf, iat and maxAge are checked and written against.

#include <cstdint>
#include <ctime>

namespace jot::detail {

// Whole seconds since the epoch: jsonwebtoken's Math.floor(Date.now() / 1000).
// std::time reads the kernel's coarse clock through the vDSO in a few nanoseconds, where
// std::chrono::system_clock::now() costs ~20 ns, a measurable share of an HS256 verify. The
// coarse clock may trail the precise one by one scheduler tick (a few milliseconds) just
// after a second boundary: irrelevant for claims that count whole seconds.
inline std::int64_t unix_seconds_now() noexcept {
  return static_cast<std::int64_t>(std::time(nullptr));
}

}  // namespace jot::detail
