#pragma once

// A tiny per-thread cache of prepared OpenSSL contexts (pre-keyed HMAC contexts, PKEY
// contexts already set up for one algorithm), so the hot path neither re-keys nor
// re-configures anything and never allocates once warm.
//
// Instances are meant to be `thread_local`: no state is shared between threads, so two
// threads verifying with one Key never contend. Entries are recognised by KeyData::id
// (unique for the life of the process, never reused) plus a small tag (algorithm and
// operation); addresses are never compared, since a freed key's address may be reused.
//
// The cache is bounded (N entries, least recently used evicted) and frees every context at
// thread exit. A context of a key that was destroyed simply stays until evicted: its id
// can never match again. (Contexts wipe their key material when freed.)

#include <array>
#include <cstddef>
#include <cstdint>

namespace jot::detail {

template <typename Ctx, void (*Free)(Ctx*), std::size_t N = 8>
class CtxCache {
 public:
  CtxCache() = default;
  CtxCache(const CtxCache&) = delete;
  CtxCache& operator=(const CtxCache&) = delete;
  ~CtxCache() {
    for (Entry& e : entries_) {
      if (e.ctx != nullptr) Free(e.ctx);
    }
  }

  // The context stored for (key_id, tag), or nullptr.
  Ctx* find(std::uint64_t key_id, std::uint32_t tag) noexcept {
    for (Entry& e : entries_) {
      if (e.key_id == key_id && e.tag == tag && e.ctx != nullptr) {
        e.last_use = ++clock_;
        return e.ctx;
      }
    }
    return nullptr;
  }

  // Takes ownership of `ctx` for (key_id, tag), evicting the least recently used entry.
  void insert(std::uint64_t key_id, std::uint32_t tag, Ctx* ctx) noexcept {
    Entry* victim = &entries_[0];
    for (Entry& e : entries_) {
      if (e.ctx == nullptr) {
        victim = &e;
        break;
      }
      if (e.last_use < victim->last_use) victim = &e;
    }
    if (victim->ctx != nullptr) Free(victim->ctx);
    *victim = Entry{key_id, tag, ++clock_, ctx};
  }

  // Drops (and frees) the context for (key_id, tag), e.g. after an operation left it in
  // an unknown state.
  void erase(std::uint64_t key_id, std::uint32_t tag) noexcept {
    for (Entry& e : entries_) {
      if (e.key_id == key_id && e.tag == tag && e.ctx != nullptr) {
        Free(e.ctx);
        e = Entry{};
      }
    }
  }

 private:
  struct Entry {
    std::uint64_t key_id = 0;  // KeyData ids start at 1: 0 never matches
    std::uint32_t tag = 0;
    std::uint64_t last_use = 0;
    Ctx* ctx = nullptr;
  };
  std::array<Entry, N> entries_{};
  std::uint64_t clock_ = 0;
};

}  // namespace jot::detail
