#include "json/json_names.hpp"

#include <chrono>
#include <cstring>
#include <random>

namespace jot::detail {
namespace {

constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;

std::uint64_t mix(std::uint64_t x) noexcept {
  x ^= x >> 32;
  x *= 0xD6E8FEB86659FD93ULL;
  x ^= x >> 32;
  return x;
}

// The per-process key of the name hash: unknown to whoever writes the names.
std::uint64_t process_key() noexcept {
  static const std::uint64_t key = [] {
    std::uint64_t k =
        static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    try {
      std::random_device device;
      k ^= (static_cast<std::uint64_t>(device()) << 32) ^ device();
    } catch (...) {
      // No entropy source: the clock alone still varies between processes.
    }
    return mix(k) | 1;
  }();
  return key;
}

// A name's size and its first and last bytes in one word: different tags mean different
// names (and below eight bytes, equal tags mean equal names). Fixed-size loads only (no
// call to memcpy): this runs for every name.
std::uint64_t tag_of(std::string_view name) noexcept {
  const char* p = name.data();
  const std::size_t n = name.size();
  std::uint64_t tag = static_cast<std::uint64_t>(n) * kMultiplier;
  if (n >= 8) {
    std::uint64_t head;
    std::uint64_t tail;
    std::memcpy(&head, p, 8);
    std::memcpy(&tail, p + n - 8, 8);
    return tag ^ head ^ (tail << 7 | tail >> 57);
  }
  if (n >= 4) {
    std::uint32_t head;
    std::uint32_t tail;
    std::memcpy(&head, p, 4);
    std::memcpy(&tail, p + n - 4, 4);
    return tag ^ head ^ static_cast<std::uint64_t>(tail) << 32;
  }
  for (std::size_t i = 0; i < n; ++i) {
    tag ^= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  }
  return tag;
}

}  // namespace

void NameSet::open() {
  open_.push_back(Open{names_.size(), ++serial_, false, false, {}});
}

bool NameSet::add(std::string_view name) {
  Open& object = open_.back();
  const auto index = static_cast<std::uint32_t>(names_.size());
  const std::uint64_t tag = tag_of(name);
  bool fresh = true;
  if (!object.indexed) {
    for (std::size_t i = object.begin; i < names_.size(); ++i) {
      if (names_[i].tag == tag && names_[i].text == name) {
        fresh = false;
        break;
      }
    }
    if (fresh && names_.size() - object.begin >= kLinearNames) {
      // The object outgrows the linear search: its names so far go into the table.
      if (key_ == 0) key_ = process_key();
      object.indexed = true;
      for (std::size_t i = object.begin; i < names_.size(); ++i) {
        find_or_insert(object, names_[i].text, names_[i].tag, static_cast<std::uint32_t>(i));
      }
      find_or_insert(object, name, tag, index);
    }
  } else {
    fresh = find_or_insert(object, name, tag, index);
  }
  names_.push_back(Name{name, tag});
  if (!fresh && !object.has_duplicate) {
    object.has_duplicate = true;
    object.duplicate = name;
  }
  return fresh;
}

std::optional<std::string_view> NameSet::close() noexcept {
  const Open object = open_.back();
  open_.pop_back();
  names_.shrink(object.begin);
  if (object.has_duplicate) return object.duplicate;
  return std::nullopt;
}

std::uint64_t NameSet::hash(std::uint32_t serial, std::string_view name,
                            std::uint64_t tag) const noexcept {
  // Keyed per process and over every byte, word by word, so names cannot be chosen to
  // collide. Below eight bytes the tag is the name itself (its bytes and its size).
  std::uint64_t h = key_ ^ (serial * kMultiplier);
  const auto step = [&h](std::uint64_t word) noexcept {
    h = (h ^ word) * kMultiplier;
    h ^= h >> 32;
  };
  const std::size_t n = name.size();
  if (n < 8) {
    step(tag);
  } else {
    std::uint64_t word;
    for (std::size_t at = 0; at + 8 < n; at += 8) {
      std::memcpy(&word, name.data() + at, 8);
      step(word);
    }
    std::memcpy(&word, name.data() + n - 8, 8);  // the last eight bytes
    step(word ^ n);
  }
  return mix(h);
}

bool NameSet::find_or_insert(const Open& object, std::string_view name, std::uint64_t tag,
                             std::uint32_t index) {
  if ((used_ + 1) * 2 > capacity_) grow();
  const std::uint64_t h = hash(object.serial, name, tag);
  const std::size_t mask = capacity_ - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.serial == 0) {
      slot = Slot{h, object.serial, index};
      ++used_;
      return true;
    }
    if (slot.hash == h && slot.serial == object.serial && names_[slot.index].text == name) {
      return false;
    }
  }
}

void NameSet::insert_slot(const Slot& slot) noexcept {
  const std::size_t mask = capacity_ - 1;
  std::size_t i = slot.hash & mask;
  while (slots_[i].serial != 0) i = (i + 1) & mask;
  slots_[i] = slot;
}

void NameSet::grow() {
  // Entries of closed objects stay (they never match again): at most one per name of the
  // text, so the table stays linear in the text's size.
  const std::size_t capacity = capacity_ == 0 ? 64 : capacity_ * 2;
  Slot* const old = slots_;
  const std::size_t old_capacity = capacity_;
  slots_ = static_cast<Slot*>(memory_->allocate(sizeof(Slot) * capacity, alignof(Slot)));
  std::memset(static_cast<void*>(slots_), 0, sizeof(Slot) * capacity);
  capacity_ = capacity;
  for (std::size_t i = 0; i < old_capacity; ++i) {
    if (old[i].serial != 0) insert_slot(old[i]);
  }
  if (old != nullptr) memory_->deallocate(old, sizeof(Slot) * old_capacity, alignof(Slot));
}

}  // namespace jot::detail
