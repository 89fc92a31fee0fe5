#pragma once

// One strict validation pass over a JSON object text, without building a document.
//
// Verify and sign need two things from a claim set: that it is valid (exactly the rules of
// parse_json: UTF-8, syntax, depth, size, duplicate names, number range — and the same
// first error) and the values of a few top-level members (the registered claims). Building
// a DOM for that costs most of an HS256 verify; this pass drives the same Boost lexer with
// a handler that only checks names and keeps the registered claims, on the caller's stack.
// The caller's JsonObject is then made lazily from the validated text (make_lazy_object).

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <optional>
#include <span>
#include <string_view>

#include "jot/error.hpp"
#include "jot/json_object.hpp"

namespace jot::detail {

// The registered claims the JWT layer reads, by index into ObjectScan::claims.
enum class Claim : std::uint8_t { kIat, kExp, kNbf, kAud, kIss, kSub, kJti, kNonce };
inline constexpr std::size_t kClaimCount = 8;

// The claim index of a top-level member name, or kNotAClaim. Run for every member of every
// verified token: three-letter names are compared as one integer.
inline constexpr std::uint8_t kNotAClaim = 0xff;
constexpr std::uint32_t pack3(char a, char b, char c) noexcept {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(a)) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b)) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(c)) << 16;
}
inline std::uint8_t claim_index(std::string_view name) noexcept {
  if (name.size() == 3) {
    // In Claim's order.
    static constexpr std::uint32_t kThree[] = {
        pack3('i', 'a', 't'), pack3('e', 'x', 'p'), pack3('n', 'b', 'f'), pack3('a', 'u', 'd'),
        pack3('i', 's', 's'), pack3('s', 'u', 'b'), pack3('j', 't', 'i')};
    const std::uint32_t packed = pack3(name[0], name[1], name[2]);
    for (std::uint8_t i = 0; i < 7; ++i) {
      if (packed == kThree[i]) return i;
    }
    return kNotAClaim;
  }
  if (name == "nonce") return static_cast<std::uint8_t>(Claim::kNonce);
  return kNotAClaim;
}

// A top-level member's value, reduced to what claim checks need.
struct ScannedValue {
  enum class Kind : std::uint8_t {
    kAbsent,
    kNumber,       // any JSON number, as JavaScript reads it (int64/uint64 → double)
    kString,       // `text`, unescaped
    kStringArray,  // aud only: an array whose elements are all strings, `items`
    kOther,        // null, bool, object, any other array
  };
  Kind kind = Kind::kAbsent;
  double number = 0;
  std::string_view text;
  std::span<const std::string_view> items;

  bool present() const noexcept { return kind != Kind::kAbsent; }
  std::optional<double> as_number() const noexcept {
    if (kind == Kind::kNumber) return number;
    return std::nullopt;
  }
  std::optional<std::string_view> as_string() const noexcept {
    if (kind == Kind::kString) return text;
    return std::nullopt;
  }
};

// The result of scan_json_object. Views point into the scanned text or into `storage`
// (unescaped strings, aud items): both must outlive their use. Not movable.
struct ObjectScan {
  ObjectScan() = default;
  ObjectScan(const ObjectScan&) = delete;
  ObjectScan& operator=(const ObjectScan&) = delete;

  const ScannedValue& operator[](Claim claim) const noexcept {
    return claims[static_cast<std::size_t>(claim)];
  }

  std::array<ScannedValue, kClaimCount> claims{};
  std::size_t members = 0;  // top-level members (a repeated name counts each time)

  // Memory for unescaped strings and aud items; made on first use, as the fast path and
  // most tokens need none (and an unused resource still costs its destructor).
  std::pmr::memory_resource& storage() {
    if (!storage_) storage_.emplace(buffer_, sizeof buffer_);
    return *storage_;
  }

 private:
  alignas(std::max_align_t) unsigned char buffer_[512];
  std::optional<std::pmr::monotonic_buffer_resource> storage_;
};

// Validates `text` exactly as parse_json_object would (same errors, same first error) and
// fills `out` with the registered claims. With limits.allow_duplicate_members, the last of
// repeated names wins, as in parse_json_object.
Result<void> scan_json_object(std::string_view text, const JsonLimits& limits, ObjectScan& out);

// The two passes scan_json_object is made of, exposed for the tests and fuzzers that check
// them against each other. scan_flat_object (json_flat_scan.cpp) is the one-pass fast path:
// it accepts only texts it is certain Boost's pass accepts with the same claims (the
// realistic claim sets: nested objects, arrays, escapes, UTF-8, any number of members) and
// returns false for everything else, without an error and with `out` cleared;
// scan_json_object_with_boost is the complete pass, which words every error.
bool scan_flat_object(std::string_view text, const JsonLimits& limits, ObjectScan& out) noexcept;
Result<void> scan_json_object_with_boost(std::string_view text, const JsonLimits& limits,
                                         ObjectScan& out);

// A JsonObject over `text`, which scan_json_object (or parse_json_object) accepted with
// `limits`: the text is copied now (one allocation for typical claim sets) and parsed into a
// document on first access, once, thread-safely.
JsonObject make_lazy_object(std::string_view text, const JsonLimits& limits);

}  // namespace jot::detail
