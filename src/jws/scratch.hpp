#pragma once

// Per-thread scratch buffers for decoding token segments.
//
// Verifying a token decodes its header, payload and signature before anything is returned to
// the caller. Decoding into a fresh std::string each time would cost one heap allocation per
// segment on every verify; instead each thread keeps a few buffers whose capacity is reused.
// A lease marks a buffer as taken, so a nested verify on the same thread (e.g. from a
// KeyResolver or a custom check) gets a private buffer and never clobbers an outer one.

#include <cstddef>
#include <string>

namespace jot::detail {

class ScratchLease {
 public:
  ScratchLease() noexcept;
  ~ScratchLease();
  ScratchLease(const ScratchLease&) = delete;
  ScratchLease& operator=(const ScratchLease&) = delete;

  std::string& str() noexcept { return *buffer_; }

 private:
  std::string* buffer_;
  int slot_ = -1;    // index of the thread-local buffer, or -1 when own_ is used
  std::string own_;  // fallback when every thread-local buffer is leased
};

}  // namespace jot::detail
