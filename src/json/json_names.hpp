#pragma once

// Duplicate member names, found in time linear in the number of names, for the three
// readers of JSON objects: the fast path (json_flat_scan.cpp) and the two handlers that
// drive Boost's lexer (json_strict_handler.hpp).
//
// Names of the open objects are kept on one stack (views that the caller keeps valid until
// the object ends). An object of a few names is searched linearly, which is cheapest for
// typical claim sets; once an object passes kLinearNames names, its names go into a hash
// table shared by all objects of the text (an entry carries the number of its object, so
// entries of closed objects never match again). The hash is keyed per process, so names
// chosen to collide cannot make the search quadratic. Memory comes from the caller's
// resource, in a few geometric steps: nothing is allocated per name.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory_resource>
#include <new>
#include <optional>
#include <string_view>
#include <type_traits>

namespace jot::detail {

// A stack of trivially copyable values, its first N in place (no allocation and no call
// through the memory resource for small claim sets), the rest in `memory`, doubling.
template <typename T, std::size_t N>
class SmallStack {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  explicit SmallStack(std::pmr::memory_resource* memory) noexcept : memory_(memory) {}
  SmallStack(const SmallStack&) = delete;
  SmallStack& operator=(const SmallStack&) = delete;

  std::size_t size() const noexcept { return size_; }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  T& back() noexcept { return data_[size_ - 1]; }
  void pop_back() noexcept { --size_; }
  void shrink(std::size_t size) noexcept { size_ = size; }
  void push_back(const T& value) {
    if (size_ == capacity_) {
      T* bigger = static_cast<T*>(memory_->allocate(sizeof(T) * capacity_ * 2, alignof(T)));
      std::memcpy(static_cast<void*>(bigger), data_, sizeof(T) * size_);
      data_ = bigger;  // the old block stays with the (monotonic) resource
      capacity_ *= 2;
    }
    new (data_ + size_) T(value);
    ++size_;
  }

 private:
  std::pmr::memory_resource* memory_;
  alignas(T) unsigned char inline_[sizeof(T) * N];  // raw: nothing to initialise
  T* data_ = reinterpret_cast<T*>(inline_);
  std::size_t size_ = 0;
  std::size_t capacity_ = N;
};

class NameSet {
 public:
  explicit NameSet(std::pmr::memory_resource* memory) noexcept
      : memory_(memory), names_(memory), open_(memory) {}
  NameSet(const NameSet&) = delete;
  NameSet& operator=(const NameSet&) = delete;

  // An object begins.
  void open();

  // Adds `name` to the innermost open object: false if that object already has it. The
  // first repeated name of each object is remembered for close().
  bool add(std::string_view name);

  // The innermost object ends: its first repeated name, if any.
  std::optional<std::string_view> close() noexcept;

  // Beyond this many names an object is searched through the hash table.
  static constexpr std::size_t kLinearNames = 8;

 private:
  struct Open {
    std::size_t begin;     // its first name in names_
    std::uint32_t serial;  // its number in the text, from 1
    bool indexed;          // its names are in the table
    bool has_duplicate;
    std::string_view duplicate;
  };
  struct Name {
    std::string_view text;
    std::uint64_t tag;  // its size and first eight bytes: the linear search's first test
  };
  struct Slot {
    std::uint64_t hash;
    std::uint32_t serial;  // 0: empty
    std::uint32_t index;   // into names_
  };

  bool find_or_insert(const Open& object, std::string_view name, std::uint64_t tag,
                      std::uint32_t index);
  void insert_slot(const Slot& slot) noexcept;
  void grow();
  std::uint64_t hash(std::uint32_t serial, std::string_view name, std::uint64_t tag) const noexcept;

  std::pmr::memory_resource* memory_;
  SmallStack<Name, 16> names_;
  SmallStack<Open, 4> open_;
  Slot* slots_ = nullptr;
  std::size_t capacity_ = 0;  // a power of two, or 0 before the first indexed object
  std::size_t used_ = 0;
  std::uint32_t serial_ = 0;
  std::uint64_t key_ = 0;
};

}  // namespace jot::detail
