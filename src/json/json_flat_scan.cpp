// scan_flat_object: the fast path of scan_json_object, one pass over the claim sets issuers
// send — flat OAuth claim sets, Keycloak's nested realm_access/resource_access objects,
// Azure AD's forty claims with arrays of GUIDs, namespaced URL names, escaped strings — with
// no document and no allocation per member.
//
// It never refuses anything. It accepts a text only when it is certain that Boost's pass
// (json_scan.cpp) accepts it with the same claims, and otherwise answers "not mine", so
// that Boost's lexer decides — including every error and its message. What it accepts:
//   * one object at the root, containers nested no deeper than the limits allow, JSON's four
//     whitespace characters, true/false/null;
//   * strings of well-formed UTF-8 (the shortest form, no surrogates, at most U+10FFFF) with
//     the escapes of RFC 8259; a \u escape of a surrogate only as a high-low pair;
//   * numbers of JSON's grammar whose value is a finite double: integers of up to 18 digits
//     exactly, the rest through std::from_chars, as exact_double reads them;
//   * no repeated name in any object (unless the limits allow duplicates, in which case the
//     last wins, as in the document parser), found in linear time (json_names.hpp).
// Anything else — bad syntax, bad UTF-8, a lone surrogate escape, a number out of range, a
// repeated name, too deep, too large — goes to Boost's pass.
// fuzz_json_scan and json_scan_test check that whatever this accepts, the Boost pass
// accepts with the same claims.

#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <new>

#include "json/json_doc.hpp"
#include "json/json_names.hpp"
#include "json/json_scan.hpp"

namespace jot::detail {
namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
constexpr std::size_t kMaxExactDigits = 18;  // < 2^63: exact in an integer, then one rounding

// A mask of the bytes of `word` (little-endian: the first byte lowest) that end or interrupt
// a plain run of string bytes: '"', '\\', a control character or a byte of a multi-byte
// UTF-8 sequence. Borrows may flag more bytes above a flagged one, never below it, so the
// lowest flag is exact.
constexpr std::uint64_t special_bytes(std::uint64_t word) noexcept {
  const std::uint64_t quote = word ^ (kOnes * '"');
  const std::uint64_t backslash = word ^ (kOnes * '\\');
  const std::uint64_t zero_in_quote = (quote - kOnes) & ~quote;
  const std::uint64_t zero_in_backslash = (backslash - kOnes) & ~backslash;
  const std::uint64_t control = (word - kOnes * 0x20) & ~word;
  return ((zero_in_quote | zero_in_backslash | control) & kHighs) | (word & kHighs);
}

int hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Four hex digits at `p` (which has at least four bytes), or -1.
long hex4(const char* p) noexcept {
  long value = 0;
  for (int i = 0; i < 4; ++i) {
    const int digit = hex_digit(p[i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

char* put_utf8(char* out, unsigned long cp) noexcept {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// The string of `raw` (the bytes between the quotes, already validated by read_string),
// its escapes decoded, in `memory`.
std::string_view decode_string(std::string_view raw, std::pmr::memory_resource& memory) {
  char* const begin = static_cast<char*>(memory.allocate(raw.size() + 1, 1));
  char* out = begin;
  const char* p = raw.data();
  const char* const end = p + raw.size();
  while (p != end) {
    if (*p != '\\') {
      *out++ = *p++;
      continue;
    }
    const char e = p[1];
    p += 2;
    switch (e) {
      case 'b':
        *out++ = '\b';
        break;
      case 'f':
        *out++ = '\f';
        break;
      case 'n':
        *out++ = '\n';
        break;
      case 'r':
        *out++ = '\r';
        break;
      case 't':
        *out++ = '\t';
        break;
      case 'u': {
        auto cp = static_cast<unsigned long>(hex4(p));
        p += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {  // a high surrogate: its low half follows
          const auto low = static_cast<unsigned long>(hex4(p + 2));
          p += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        out = put_utf8(out, cp);
        break;
      }
      default:
        *out++ = e;
        break;  // '"', '\\', '/'
    }
  }
  return std::string_view(begin, static_cast<std::size_t>(out - begin));
}

class FlatReader {
 public:
  FlatReader(std::string_view text, const JsonLimits& limits, ObjectScan& out,
             std::pmr::memory_resource& temp) noexcept
      : p_(text.data()),
        end_(text.data() + text.size()),
        max_depth_(std::min(limits.max_depth, kMaxJsonDepth)),
        check_names_(!limits.allow_duplicate_members),
        out_(out),
        temp_(temp),
        names_(&temp) {}

  // The whole text: one object and nothing after it.
  bool read() {
    skip_whitespace();
    if (!consume('{') || !object(1)) return false;
    skip_whitespace();
    return p_ == end_;
  }

 private:
  void skip_whitespace() noexcept {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool consume(char c) noexcept {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }

  // An object after its '{', at nesting level `depth` (the root is 1).
  bool object(std::size_t depth) {
    if (depth > max_depth_) return false;
    if (check_names_) names_.open();
    skip_whitespace();
    if (!consume('}')) {
      while (true) {
        std::string_view raw;
        bool escaped = false;
        if (!consume('"') || !read_string(raw, escaped)) return false;
        std::string_view name = raw;
        if (escaped && (check_names_ || depth == 1)) name = decode_string(raw, temp_);
        if (check_names_ && !names_.add(name)) return false;  // Boost's pass reports it
        skip_whitespace();
        if (!consume(':')) return false;
        skip_whitespace();
        if (depth == 1) {
          ++out_.members;
          const std::uint8_t claim = claim_index(name);
          if (claim == kNotAClaim) {
            if (!value(depth, nullptr, false)) return false;
          } else {
            ScannedValue scanned;
            if (!value(depth, &scanned, claim == static_cast<std::uint8_t>(Claim::kAud))) {
              return false;
            }
            out_.claims[claim] = scanned;
          }
        } else if (!value(depth, nullptr, false)) {
          return false;
        }
        skip_whitespace();
        if (consume('}')) break;
        if (!consume(',')) return false;
        skip_whitespace();
      }
    }
    if (check_names_) names_.close();
    return true;
  }

  // One value inside a container at level `depth`; a claim's value goes into `claim`.
  bool value(std::size_t depth, ScannedValue* claim, bool is_aud) {
    if (p_ == end_) return false;
    const char c = *p_;
    if (c == '"') {
      ++p_;
      std::string_view raw;
      bool escaped = false;
      if (!read_string(raw, escaped)) return false;
      if (claim != nullptr) {
        claim->kind = ScannedValue::Kind::kString;
        claim->text = escaped ? decode_string(raw, out_.storage()) : raw;
      }
      return true;
    }
    if (c == '{') {
      ++p_;
      if (claim != nullptr) claim->kind = ScannedValue::Kind::kOther;
      return object(depth + 1);
    }
    if (c == '[') {
      ++p_;
      return array(depth + 1, claim, is_aud);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      double number = 0;
      if (!read_number(number)) return false;
      if (claim != nullptr) {
        claim->kind = ScannedValue::Kind::kNumber;
        claim->number = number;
      }
      return true;
    }
    if (claim != nullptr) claim->kind = ScannedValue::Kind::kOther;
    return literal("true") || literal("false") || literal("null");
  }

  // An array after its '[', at level `depth`. For the aud claim, an array of strings only is
  // kStringArray (its items in the scan's storage), as in Boost's pass; any other array
  // of a claim is kOther.
  bool array(std::size_t depth, ScannedValue* claim, bool is_aud) {
    if (depth > max_depth_) return false;
    if (claim != nullptr) claim->kind = ScannedValue::Kind::kOther;
    const bool collect = claim != nullptr && is_aud;
    std::pmr::vector<std::string_view> items(&temp_);
    bool all_strings = true;
    skip_whitespace();
    if (!consume(']')) {
      while (true) {
        if (collect && all_strings && p_ != end_ && *p_ == '"') {
          ++p_;
          std::string_view raw;
          bool escaped = false;
          if (!read_string(raw, escaped)) return false;
          items.push_back(escaped ? decode_string(raw, out_.storage()) : raw);
        } else {
          if (collect) all_strings = false;
          if (!value(depth, nullptr, false)) return false;
        }
        skip_whitespace();
        if (consume(']')) break;
        if (!consume(',')) return false;
        skip_whitespace();
      }
    }
    if (collect && all_strings) {
      claim->kind = ScannedValue::Kind::kStringArray;
      claim->items = {};
      if (!items.empty()) {
        auto* views = static_cast<std::string_view*>(out_.storage().allocate(
            sizeof(std::string_view) * items.size(), alignof(std::string_view)));
        for (std::size_t i = 0; i < items.size(); ++i) new (views + i) std::string_view(items[i]);
        claim->items = std::span<const std::string_view>(views, items.size());
      }
    }
    return true;
  }

  // A string after its opening quote: `raw` is its bytes up to the closing quote, which is
  // consumed; `escaped` says whether it holds escapes (then decode_string gives its text).
  bool read_string(std::string_view& raw, bool& escaped) noexcept {
    const char* const start = p_;
    while (true) {
      // Eight bytes at a time up to the first byte that is not plain (the mask's order
      // needs little-endian words; elsewhere, one byte at a time).
      if constexpr (std::endian::native == std::endian::little) {
        while (end_ - p_ >= 8) {
          std::uint64_t word;
          std::memcpy(&word, p_, 8);
          if (const std::uint64_t special = special_bytes(word)) {
            p_ += std::countr_zero(special) >> 3;
            break;
          }
          p_ += 8;
        }
      }
      if (p_ == end_) return false;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        raw = std::string_view(start, static_cast<std::size_t>(p_ - start));
        ++p_;
        return true;
      }
      if (c == '\\') {
        escaped = true;
        if (!escape()) return false;
      } else if (c < 0x20) {
        return false;
      } else if (c >= 0x80) {
        if (!utf8_sequence()) return false;
      } else {
        ++p_;  // a plain byte the word loop did not take
      }
    }
  }

  // An escape at p_ ('\\'), of RFC 8259's forms; a surrogate only as a high-low pair.
  bool escape() noexcept {
    if (end_ - p_ < 2) return false;
    const char e = p_[1];
    if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' ||
        e == 't') {
      p_ += 2;
      return true;
    }
    if (e != 'u' || end_ - p_ < 6) return false;
    const long cp = hex4(p_ + 2);
    if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) return false;
    p_ += 6;
    if (cp < 0xD800 || cp > 0xDBFF) return true;
    if (end_ - p_ < 6 || p_[0] != '\\' || p_[1] != 'u') return false;
    const long low = hex4(p_ + 2);
    if (low < 0xDC00 || low > 0xDFFF) return false;
    p_ += 6;
    return true;
  }

  // A multi-byte UTF-8 sequence at p_, in its shortest form, no surrogate, ≤ U+10FFFF.
  bool utf8_sequence() noexcept {
    const auto* s = reinterpret_cast<const unsigned char*>(p_);
    const std::ptrdiff_t left = end_ - p_;
    const unsigned char b0 = s[0];
    std::ptrdiff_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;  // the range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      length = 3;
      if (b0 == 0xE0) low = 0xA0;
      if (b0 == 0xED) high = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      length = 4;
      if (b0 == 0xF0) low = 0x90;
      if (b0 == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (left < length || s[1] < low || s[1] > high) return false;
    for (std::ptrdiff_t i = 2; i < length; ++i) {
      if ((s[i] & 0xC0) != 0x80) return false;
    }
    p_ += length;
    return true;
  }

  // A number of JSON's grammar at p_ whose value is a finite double, as Boost's pass reads
  // it: integers that fit 64 bits are converted once (on_int64/on_uint64), the rest read
  // exactly (exact_double); out of range goes to Boost's pass.
  bool read_number(double& out) noexcept {
    const char* const start = p_;
    const bool negative = consume('-');
    const char* const digits = p_;
    std::uint64_t magnitude = 0;
    while (p_ != end_ && *p_ >= '0' && *p_ <= '9') {
      magnitude = magnitude * 10 + static_cast<std::uint64_t>(*p_ - '0');
      ++p_;
    }
    const auto count = static_cast<std::size_t>(p_ - digits);
    if (count == 0 || (count > 1 && *digits == '0')) return false;
    bool integer = true;
    if (p_ != end_ && *p_ == '.') {
      integer = false;
      ++p_;
      if (!skip_digits()) return false;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      integer = false;
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (!skip_digits()) return false;
    }
    if (integer && count <= kMaxExactDigits) {
      out = negative ? static_cast<double>(-static_cast<std::int64_t>(magnitude))
                     : static_cast<double>(magnitude);
      return true;
    }
    double d = 0;
    const auto [end, status] = std::from_chars(start, p_, d);
    return status == std::errc() && end == p_ && std::isfinite(d) && (out = d, true);
  }

  bool skip_digits() noexcept {
    const char* const start = p_;
    while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    return p_ != start;
  }

  bool literal(std::string_view word) noexcept {
    if (static_cast<std::size_t>(end_ - p_) < word.size() ||
        std::memcmp(p_, word.data(), word.size()) != 0) {
      return false;
    }
    p_ += word.size();
    return true;
  }

  const char* p_;
  const char* const end_;
  const std::size_t max_depth_;
  const bool check_names_;
  ObjectScan& out_;
  std::pmr::memory_resource& temp_;
  NameSet names_;
};

}  // namespace

bool scan_flat_object(std::string_view text, const JsonLimits& limits, ObjectScan& out) noexcept {
  if (text.size() > limits.max_bytes || text.data() == nullptr) return false;
  try {
    // Names of open objects, decoded names and aud items: on the stack for the claim sets
    // of real issuers, past it the heap in a few geometric steps.
    alignas(std::max_align_t) unsigned char scratch[8192];
    std::pmr::monotonic_buffer_resource temp(scratch, sizeof scratch,
                                             std::pmr::new_delete_resource());
    FlatReader reader(text, limits, out, temp);
    if (reader.read()) return true;
  } catch (...) {
    // Out of memory: Boost's pass will say so.
  }
  out.claims = {};  // a partial read must not leak into Boost's pass
  out.members = 0;
  return false;
}

}  // namespace jot::detail
