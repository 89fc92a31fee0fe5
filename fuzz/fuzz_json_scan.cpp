// The validating claim scan against the document parser, and its fast path against Boost's
// pass: for any text and limits, scan_json_object accepts exactly what parse_json_object
// accepts, with the same first error and the registered claims the document holds;
// whatever scan_flat_object accepts, Boost's pass accepts too, with the same registered
// claims and member count. The seeds include the realistic claim sets of
// tests/support/payload_shapes.cpp (nested objects, many members, escapes, UTF-8).
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "json/json_doc.hpp"
#include "json/json_scan.hpp"

using jot::detail::ObjectScan;
using jot::detail::ScannedValue;
using jot::fuzz::require;

namespace {

bool same_value(const ScannedValue& a, const ScannedValue& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case ScannedValue::Kind::kNumber:
      return a.number == b.number;
    case ScannedValue::Kind::kString:
      return a.text == b.text;
    case ScannedValue::Kind::kStringArray:
      if (a.items.size() != b.items.size()) return false;
      for (std::size_t i = 0; i < a.items.size(); ++i) {
        if (a.items[i] != b.items[i]) return false;
      }
      return true;
    default:
      return true;
  }
}

// The registered claim `name` as the document holds it, in the scan's terms.
ScannedValue from_document(const boost::json::object& object, std::string_view name) {
  ScannedValue v;
  const boost::json::value* value = object.if_contains(name);
  if (value == nullptr) return v;
  v.kind = ScannedValue::Kind::kOther;
  if (const auto n = jot::detail::as_number(*value)) {
    v.kind = ScannedValue::Kind::kNumber;
    v.number = *n;
  } else if (const auto s = jot::detail::as_string(*value)) {
    v.kind = ScannedValue::Kind::kString;
    v.text = *s;
  } else if (const auto* array = value->if_array(); array && name == "aud") {
    bool strings = true;
    for (const auto& e : *array) strings = strings && e.is_string();
    if (strings) v.kind = ScannedValue::Kind::kStringArray;
  }
  return v;
}

bool same_as_document(const ScannedValue& scanned, const boost::json::object& object,
                      std::string_view name) {
  const ScannedValue expected = from_document(object, name);
  if (scanned.kind != expected.kind) return false;
  if (scanned.kind == ScannedValue::Kind::kNumber) return scanned.number == expected.number;
  if (scanned.kind == ScannedValue::Kind::kString) return scanned.text == expected.text;
  if (scanned.kind == ScannedValue::Kind::kStringArray) {
    const auto& array = object.at(name).as_array();
    if (scanned.items.size() != array.size()) return false;
    for (std::size_t i = 0; i < array.size(); ++i) {
      if (scanned.items[i] != std::string_view(array[i].as_string())) return false;
    }
  }
  return true;
}

void check(std::string_view text, const jot::JsonLimits& limits) {
  ObjectScan scan;
  const auto scanned = jot::detail::scan_json_object(text, limits, scan);
  const auto parsed = jot::detail::parse_json_object(text, limits);
  require(static_cast<bool>(scanned) == static_cast<bool>(parsed),
          "scan and parse accept the same texts");
  if (!parsed) {
    require(scanned.error().message() == parsed.error().message(), "same first error");
  } else {
    static constexpr const char* kNames[] = {"iat", "exp", "nbf", "aud",
                                             "iss", "sub", "jti", "nonce"};
    for (std::size_t i = 0; i < jot::detail::kClaimCount; ++i) {
      require(same_as_document(scan.claims[i], *parsed, kNames[i]),
              "the scan reads the claims the document holds");
    }
    require((scan.members == 0) == parsed->empty(), "an empty object is seen as one");
  }

  ObjectScan flat;
  if (!jot::detail::scan_flat_object(text, limits, flat)) {
    require(flat.members == 0, "a declined fast path leaves nothing behind");
    return;
  }
  require(static_cast<bool>(parsed), "the fast path accepts only valid objects");
  ObjectScan boost;
  require(static_cast<bool>(jot::detail::scan_json_object_with_boost(text, limits, boost)),
          "Boost's pass accepts what the fast path accepts");
  require(flat.members == boost.members, "same member count");
  for (std::size_t i = 0; i < jot::detail::kClaimCount; ++i) {
    require(same_value(flat.claims[i], boost.claims[i]), "same registered claims");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The first byte picks the limits, the rest is the text.
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  const std::string_view text = jot::fuzz::as_text(data + 1, size - 1);
  jot::JsonLimits limits;
  limits.allow_duplicate_members = (selector & 1) != 0;
  limits.max_depth = (selector >> 1) & 3;  // 0..3: the edges of the depth rule
  if ((selector & 8) != 0) limits.max_depth = 16;
  if ((selector & 16) != 0) limits.max_bytes = 48;
  check(text, limits);
  return 0;
}
