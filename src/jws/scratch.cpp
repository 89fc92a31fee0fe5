#include "jws/scratch.hpp"

#include <array>

namespace jot::detail {
namespace {

constexpr int kSlots = 4;
// Buffers that grew beyond this are released after use, so one huge token does not pin its
// memory to the thread for ever.
constexpr std::size_t kMaxRetained = 64 * 1024;

struct Pool {
  std::array<std::string, kSlots> buffers;
  std::array<bool, kSlots> taken{};
};

Pool& pool() noexcept {
  thread_local Pool instance;
  return instance;
}

}  // namespace

ScratchLease::ScratchLease() noexcept : buffer_(&own_) {
  Pool& p = pool();
  for (int i = 0; i < kSlots; ++i) {
    if (!p.taken[i]) {
      p.taken[i] = true;
      slot_ = i;
      buffer_ = &p.buffers[i];
      break;
    }
  }
  buffer_->clear();
}

ScratchLease::~ScratchLease() {
  if (slot_ < 0) return;
  Pool& p = pool();
  if (buffer_->capacity() > kMaxRetained) std::string().swap(*buffer_);
  p.taken[slot_] = false;
}

}  // namespace jot::detail
