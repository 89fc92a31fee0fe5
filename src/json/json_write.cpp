// JSON text output identical to JavaScript's JSON.stringify.
//
// jot signs the bytes it serialises, and jsonwebtoken signs JSON.stringify's output; with
// the same member order the two agree byte for byte. boost::json::serialize would write
// 1.5 as "1.5E0" and 1e21 as "1E21": valid JSON, but not what Node.js produces.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "json/json_doc.hpp"

namespace jot::detail {
namespace {

// Bytes that JSON.stringify writes as themselves in a string: printable ASCII except '"'
// and '\\'. Everything else takes the slow path (escape or UTF-8 check).
constexpr std::array<bool, 256> make_plain_table() {
  std::array<bool, 256> table{};
  for (int c = 0x20; c < 0x80; ++c) table[static_cast<std::size_t>(c)] = true;
  table['"'] = false;
  table['\\'] = false;
  return table;
}
constexpr std::array<bool, 256> kPlain = make_plain_table();

void append_escaped_control(unsigned char c, std::string& out) {
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0x0F]};
      out.append(escape, sizeof escape);
    }
  }
}

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// Length of the well-formed UTF-8 sequence starting at text[i], or 0 when there is none.
// Follows the Unicode table of well-formed byte sequences (no overlongs, no surrogates,
// nothing above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i, std::size_t& prefix) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  }
  // `prefix` is the maximal subpart consumed on failure (at least the lead byte), so an
  // invalid sequence yields one U+FFFD, as the WHATWG decoder used by Node.js does.
  prefix = 1;
  if (length == 0) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= text.size()) return 0;
    const unsigned char c = byte(i + k);
    const bool ok = k == 1 ? (c >= low && c <= high) : is_continuation(c);
    if (!ok) return 0;
    prefix = k + 1;
  }
  return length;
}

void append_value(const boost::json::value& value, std::string& out);

// V8 keeps an object's array-index keys ("0" … "4294967294", canonical decimal) first, in
// ascending order, whatever order they were inserted in; JSON.stringify writes that order.
std::optional<std::uint32_t> array_index(std::string_view key) {
  if (key.empty() || key.size() > 10 || (key.size() > 1 && key[0] == '0')) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : key) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (value > 4294967294ULL) return std::nullopt;
  return static_cast<std::uint32_t>(value);
}

std::string_view key_of(const boost::json::key_value_pair& member) {
  return std::string_view(member.key().data(), member.key().size());
}

void append_member(const boost::json::key_value_pair& member, bool& first, std::string& out) {
  if (!first) out += ',';
  first = false;
  append_json_string(key_of(member), out);
  out += ':';
  append_value(member.value(), out);
}

void append_object(const boost::json::object& object, std::string& out) {
  out += '{';
  bool first = true;
  // Almost no JWT has a numeric member name: check cheaply before doing any work.
  bool has_index = false;
  for (const auto& member : object) {
    const std::string_view key = key_of(member);
    if (!key.empty() && key[0] >= '0' && key[0] <= '9' && array_index(key)) {
      has_index = true;
      break;
    }
  }
  if (!has_index) {
    for (const auto& member : object) append_member(member, first, out);
  } else {
    std::vector<std::pair<std::uint32_t, const boost::json::key_value_pair*>> indexed;
    for (const auto& member : object) {
      if (const auto index = array_index(key_of(member))) indexed.emplace_back(*index, &member);
    }
    std::sort(indexed.begin(), indexed.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& entry : indexed) append_member(*entry.second, first, out);
    for (const auto& member : object) {
      if (!array_index(key_of(member))) append_member(member, first, out);
    }
  }
  out += '}';
}

void append_integer(auto number, std::string& out) {
  std::array<char, 24> digits;
  const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), number);
  out.append(digits.data(), result.ptr);
}

void append_value(const boost::json::value& value, std::string& out) {
  switch (value.kind()) {
    case boost::json::kind::null:
      out += "null";
      return;
    case boost::json::kind::bool_:
      out += value.get_bool() ? "true" : "false";
      return;
    case boost::json::kind::int64:
      append_integer(value.get_int64(), out);
      return;
    case boost::json::kind::uint64:
      append_integer(value.get_uint64(), out);
      return;
    case boost::json::kind::double_:
      format_number(value.get_double(), out);
      return;
    case boost::json::kind::string: {
      const boost::json::string& s = value.get_string();
      append_json_string(std::string_view(s.data(), s.size()), out);
      return;
    }
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const boost::json::value& element : value.get_array()) {
        if (!first) out += ',';
        first = false;
        append_value(element, out);
      }
      out += ']';
      return;
    }
    case boost::json::kind::object:
      append_object(value.get_object(), out);
      return;
  }
}

}  // namespace

void append_json_string(std::string_view text, std::string& out) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    // Copy the longest run of plain bytes at once.
    std::size_t run = i;
    while (run < text.size() && kPlain[static_cast<unsigned char>(text[run])]) ++run;
    out.append(text.data() + i, run - i);
    i = run;
    if (i == text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      append_escaped_control(c, out);
      ++i;
      continue;
    }
    std::size_t prefix = 1;
    const std::size_t length = utf8_sequence_length(text, i, prefix);
    if (length != 0) {
      out.append(text.data() + i, length);
      i += length;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      i += prefix;
    }
  }
  out += '"';
}

void format_number(double number, std::string& out) {
  // ECMAScript Number::toString(x), radix 10 (ECMA-262 §6.1.6.1.20).
  if (!std::isfinite(number)) {
    out += "null";  // JSON.stringify(Infinity) and JSON.stringify(NaN)
    return;
  }
  if (number == 0) {
    out += '0';  // both +0 and -0
    return;
  }
  if (number < 0) {
    out += '-';
    number = -number;
  }
  // Shortest digits that round-trip (the same choice ECMAScript requires), as d.ddde±x.
  std::array<char, 32> buffer;
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number,
                                    std::chars_format::scientific);
  const std::string_view sci(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()));
  const std::size_t e_pos = sci.find('e');
  std::array<char, 24> digit_buffer;
  std::size_t digit_count = 0;
  for (const char c : sci.substr(0, e_pos)) {
    if (c != '.') digit_buffer[digit_count++] = c;
  }
  const std::string_view digits(digit_buffer.data(), digit_count);
  int exponent = 0;
  std::from_chars(sci.data() + e_pos + 1 + (sci[e_pos + 1] == '+' ? 1 : 0), sci.data() + sci.size(),
                  exponent);
  // ECMAScript's k (digit count) and n (position of the decimal point).
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(n));
    out += '.';
    out += digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += 'e';
    out += n - 1 < 0 ? '-' : '+';
    append_integer(std::abs(n - 1), out);
  }
}

void serialize_json_append(const boost::json::value& value, std::string& out) {
  append_value(value, out);
}

void serialize_json_append(const boost::json::object& object, std::string& out) {
  append_object(object, out);
}

std::string serialize_json(const boost::json::value& value) {
  std::string out;
  append_value(value, out);
  return out;
}

std::string serialize_json(const boost::json::object& object) {
  std::string out;
  append_object(object, out);
  return out;
}

}  // namespace jot::detail
