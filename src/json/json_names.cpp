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

}  // namespace

void NameSet::open() {
  if (open_.capacity() == 0) {  // one step for the usual claim set, not one per name
    open_.reserve(8);
    names_.reserve(32);
  }
  open_.push_back(Open{names_.size(), ++serial_, false, false, {}});
}

bool NameSet::add(std::string_view name) {
  Open& object = open_.back();
  const auto index = static_cast<std::uint32_t>(names_.size());
  bool fresh = true;
  if (!object.indexed) {
    for (std::size_t i = object.begin; i < names_.size(); ++i) {
      if (names_[i] == name) {
        fresh = false;
        break;
      }
    }
    if (fresh && names_.size() - object.begin >= kLinearNames) {
      // The object outgrows the linear search: its names so far go into the table.
      if (key_ == 0) key_ = process_key();
      object.indexed = true;
      for (std::size_t i = object.begin; i < names_.size(); ++i) {
        find_or_insert(object, names_[i], static_cast<std::uint32_t>(i));
      }
      find_or_insert(object, name, index);
    }
  } else {
    fresh = find_or_insert(object, name, index);
  }
  names_.push_back(name);
  if (!fresh && !object.has_duplicate) {
    object.has_duplicate = true;
    object.duplicate = name;
  }
  return fresh;
}

std::optional<std::string_view> NameSet::close() noexcept {
  const Open object = open_.back();
  open_.pop_back();
  names_.resize(object.begin);
  if (object.has_duplicate) return object.duplicate;
  return std::nullopt;
}

std::uint64_t NameSet::hash(std::uint32_t serial, std::string_view name) const noexcept {
  std::uint64_t h = key_ ^ (serial * kMultiplier) ^ name.size();
  const char* p = name.data();
  std::size_t n = name.size();
  while (n >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    h = mix(h ^ word) * kMultiplier;
    p += 8;
    n -= 8;
  }
  if (n != 0) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, n);
    h = mix(h ^ word) * kMultiplier;
  }
  return mix(h);
}

bool NameSet::find_or_insert(const Open& object, std::string_view name, std::uint32_t index) {
  if ((used_ + 1) * 2 > capacity_) grow();
  const std::uint64_t h = hash(object.serial, name);
  const std::size_t mask = capacity_ - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.serial == 0) {
      slot = Slot{h, object.serial, index};
      ++used_;
      return true;
    }
    if (slot.hash == h && slot.serial == object.serial && names_[slot.index] == name) {
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
