#pragma once

// Shared by the libFuzzer targets: how an invariant failure is reported. A failed check
// prints what broke and aborts, so libFuzzer saves the input as a crash reproducer.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace jot::fuzz {

inline void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant failed: %s\n", what);
  std::abort();
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) noexcept {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace jot::fuzz
