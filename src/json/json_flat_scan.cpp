// scan_flat_object: the fast path of scan_json_object for the claim sets that issuers
// actually send — one flat object of plain names, short integers, plain ASCII strings and
// arrays of those, such as the demo's {"userId":123,"iat":1700000000,"exp":1700003600} or an
// OpenID Connect provider's {"iss":"https://…","aud":["api","userinfo"],"scope":"…",…}.
//
// It never refuses anything. It accepts a text only when the text lies inside a small
// subset of JSON whose rules are trivially strict, and otherwise answers "not mine", so that
// Boost's lexer (json_scan.cpp) decides — including every error and its message. The
// subset:
//   * the root is an object, at most kMaxNames members, none repeated (unless the limits
//     allow duplicates, in which case the last wins, as in the document parser);
//   * names and string values are printable ASCII (0x20-0x7E) without '"' or '\\', so the
//     bytes are the string: no escapes, no UTF-8 to validate;
//   * numbers are integers of at most 15 digits, without sign, leading zero, fraction or
//     exponent: exactly representable, so the double is the one JavaScript reads;
//   * other values are true, false and null, or an array of such scalars (the second and
//     last level); whitespace is JSON's four characters.
// Nested objects, arrays in arrays, escapes, non-ASCII, negative or long numbers: Boost's
// path.
// fuzz_json_scan and json_scan_test check that whatever this accepts, the Boost path
// accepts with the same claims.

#include <cstring>
#include <new>

#include "json/json_scan.hpp"

namespace jot::detail {
namespace {

constexpr std::size_t kMaxNames = 32;
constexpr std::size_t kMaxItems = 32;   // strings of an aud array
constexpr std::size_t kMaxDigits = 15;  // < 2^53: every such integer is an exact double

class FlatCursor {
 public:
  explicit FlatCursor(std::string_view text) noexcept
      : p_(text.data()), end_(text.data() + text.size()) {}

  bool at_end() const noexcept { return p_ == end_; }

  void skip_whitespace() noexcept {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool consume(char c) noexcept {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }

  char peek() const noexcept { return p_ == end_ ? '\0' : *p_; }

  // A string of plain characters after its opening quote; false if it holds anything else.
  bool plain_string(std::string_view& out) noexcept {
    const char* start = p_;
    while (p_ != end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        out = std::string_view(start, static_cast<std::size_t>(p_ - start));
        ++p_;
        return true;
      }
      if (c < 0x20 || c > 0x7E || c == '\\') return false;
      ++p_;
    }
    return false;
  }

  // An unsigned integer without leading zero, of at most kMaxDigits digits, not followed by
  // a fraction or exponent.
  bool small_integer(double& out) noexcept {
    const char* start = p_;
    std::uint64_t value = 0;
    while (p_ != end_ && *p_ >= '0' && *p_ <= '9') {
      value = value * 10 + static_cast<std::uint64_t>(*p_ - '0');
      ++p_;
    }
    const auto digits = static_cast<std::size_t>(p_ - start);
    if (digits == 0 || digits > kMaxDigits || (digits > 1 && *start == '0')) return false;
    if (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
    out = static_cast<double>(value);
    return true;
  }

  bool literal(std::string_view word) noexcept {
    if (static_cast<std::size_t>(end_ - p_) < word.size() ||
        std::memcmp(p_, word.data(), word.size()) != 0) {
      return false;
    }
    p_ += word.size();
    return true;
  }

 private:
  const char* p_;
  const char* end_;
};

// Reads one scalar of the subset into `value`; false when it is outside the subset.
// Inlined into both callers: it runs once per member of every verified token.
[[gnu::always_inline]] inline bool flat_scalar(FlatCursor& in, ScannedValue& value) noexcept {
  const char c = in.peek();
  if (c == '"') {
    in.consume('"');
    value.kind = ScannedValue::Kind::kString;
    return in.plain_string(value.text);
  }
  if (c >= '0' && c <= '9') {
    value.kind = ScannedValue::Kind::kNumber;
    return in.small_integer(value.number);
  }
  value.kind = ScannedValue::Kind::kOther;
  return in.literal("true") || in.literal("false") || in.literal("null");
}

// Reads an array of scalars after its '[' into `value`: for the aud claim, an array of
// strings becomes kStringArray (its items copied into `out`'s storage), as in Boost's pass;
// any other array is kOther. False when it is outside the subset (a nested array or object,
// more strings than kMaxItems for aud).
bool flat_array(FlatCursor& in, bool is_aud, ObjectScan& out, ScannedValue& value) noexcept {
  struct Item {
    const char* data;
    std::size_t size;
  } items[kMaxItems];  // uninitialised: only items[0, count) are read
  std::size_t count = 0;
  bool all_strings = true;
  in.skip_whitespace();
  if (!in.consume(']')) {
    while (true) {
      ScannedValue item;
      if (!flat_scalar(in, item)) return false;
      if (item.kind != ScannedValue::Kind::kString) {
        all_strings = false;
      } else if (is_aud) {
        if (count == kMaxItems) return false;
        items[count++] = Item{item.text.data(), item.text.size()};
      }
      in.skip_whitespace();
      if (in.consume(']')) break;
      if (!in.consume(',')) return false;
      in.skip_whitespace();
    }
  }
  value.kind = ScannedValue::Kind::kOther;
  if (!is_aud || !all_strings) return true;
  value.kind = ScannedValue::Kind::kStringArray;
  if (count == 0) return true;
  try {
    auto* views = static_cast<std::string_view*>(
        out.storage().allocate(sizeof(std::string_view) * count, alignof(std::string_view)));
    for (std::size_t i = 0; i < count; ++i) {
      new (views + i) std::string_view(items[i].data, items[i].size);
    }
    value.items = std::span<const std::string_view>(views, count);
    return true;
  } catch (...) {
    return false;  // out of memory: Boost's pass will say so
  }
}

// Reads one member value into `value`; false when it is outside the subset.
bool flat_value(FlatCursor& in, const JsonLimits& limits, std::uint8_t claim, ObjectScan& out,
                ScannedValue& value) noexcept {
  if (in.consume('[')) {
    if (limits.max_depth < 2) return false;  // an array in the object is the second level
    return flat_array(in, claim == static_cast<std::uint8_t>(Claim::kAud), out, value);
  }
  return flat_scalar(in, value);
}

bool flat_object(std::string_view text, const JsonLimits& limits, ObjectScan& out) noexcept {
  if (limits.max_depth < 1) return false;  // the object itself is one level
  FlatCursor in(text);
  in.skip_whitespace();
  if (!in.consume('{')) return false;
  in.skip_whitespace();
  // Left uninitialised (a plain aggregate): only names[0, count) are ever read.
  struct Name {
    const char* data;
    std::size_t size;
  } names[kMaxNames];
  std::size_t count = 0;
  if (!in.consume('}')) {
    while (true) {
      std::string_view name;
      if (!in.consume('"') || !in.plain_string(name)) return false;
      if (!limits.allow_duplicate_members) {
        for (std::size_t i = 0; i < count; ++i) {
          if (names[i].size == name.size() &&
              std::memcmp(names[i].data, name.data(), name.size()) == 0) {
            return false;  // Boost's path reports it
          }
        }
      }
      if (count == kMaxNames) return false;
      names[count++] = Name{name.data(), name.size()};
      in.skip_whitespace();
      if (!in.consume(':')) return false;
      in.skip_whitespace();
      const std::uint8_t claim = claim_index(name);
      ScannedValue value;
      if (!flat_value(in, limits, claim, out, value)) return false;
      if (claim != kNotAClaim) out.claims[claim] = value;
      in.skip_whitespace();
      if (in.consume('}')) break;
      if (!in.consume(',')) return false;
      in.skip_whitespace();
    }
  }
  in.skip_whitespace();
  if (!in.at_end()) return false;
  out.members = count;
  return true;
}

}  // namespace

bool scan_flat_object(std::string_view text, const JsonLimits& limits, ObjectScan& out) noexcept {
  if (text.size() > limits.max_bytes) return false;
  if (flat_object(text, limits, out)) return true;
  out.claims = {};  // a partial read must not leak into Boost's pass
  out.members = 0;
  return false;
}

}  // namespace jot::detail
