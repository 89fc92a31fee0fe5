#pragma once

// Internal JSON layer on Boost.JSON: strict parsing (UTF-8, duplicates, depth, size), the
// document behind jot::JsonObject, typed accessors for the layers above, and a serialiser
// whose output is byte-identical to JavaScript's JSON.stringify (jsonwebtoken's).
//
// Memory: JsonObject::parse makes an ArenaJsonDoc, whose inline arena the parsed object is
// allocated from, so parsing a typical header or claim set costs exactly
// one heap allocation (the shared JsonDoc itself); larger documents spill to the heap.
//
// CAUTION: boost::json copies keep the storage of their source. A copy of `json_doc(o).object`
// (or of any value inside it) made with the plain copy constructor refers to the doc's
// arena and must not outlive the JsonObject. To keep one longer, copy it into the default
// storage: `boost::json::value copy(doc.object.at("x"), boost::json::storage_ptr());`.

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "jot/error.hpp"
#include "jot/json_object.hpp"

namespace jot::detail {

// Nesting depth jot will ever parse, whatever JsonLimits::max_depth says: Boost.JSON's
// destructors and jot's serialiser recurse per level, so a bound keeps the stack safe.
inline constexpr std::size_t kMaxJsonDepth = 512;

// The document behind a JsonObject. Layers above read `object` through json_doc(object),
// which first calls materialise(): a lazy document (make_lazy_object, json_scan.hpp) builds
// `object` there, once; for every other document it is a no-op.
//
// Documents are shared as const (shared_ptr<const JsonDoc>), so what the lazy fill writes is
// declared mutable: `object` and the arena it is allocated from. That write is the only one
// after construction; it happens inside materialise() under std::call_once, before any reader
// sees the object, and nothing writes through a const document otherwise.
struct JsonDoc {
  JsonDoc() = default;
  explicit JsonDoc(boost::json::object o) noexcept : object(std::move(o)) {}
  JsonDoc(const JsonDoc&) = delete;
  JsonDoc& operator=(const JsonDoc&) = delete;
  virtual ~JsonDoc() = default;

  virtual void materialise() const noexcept {}

  mutable boost::json::object object;
};

// Arena for a parsed document: a fixed inline buffer of `InlineBytes`, spilling to the heap
// when exceeded. A document type derives from it first, so that the arena is built before
// the object and destroyed after it, and one allocation (make_shared) holds both.
template <std::size_t InlineBytes>
struct InlineJsonArena {
  InlineJsonArena() : resource(buffer, sizeof buffer) {}
  InlineJsonArena(const InlineJsonArena&) = delete;
  InlineJsonArena& operator=(const InlineJsonArena&) = delete;

  // Allocating from the arena changes it, also in a document shared as const (the lazy
  // fill, see JsonDoc): the arena is mutable state.
  boost::json::storage_ptr storage() const noexcept { return boost::json::storage_ptr(&resource); }

  alignas(std::max_align_t) mutable unsigned char buffer[InlineBytes];
  mutable boost::json::monotonic_resource resource;
};

// A JsonDoc whose object lives in its own arena, sized to hold the demo payload and a ~1 KB,
// 20-claim object with room to spare.
struct ArenaJsonDoc final : private InlineJsonArena<3072>, public JsonDoc {
  ArenaJsonDoc() : InlineJsonArena(), JsonDoc(boost::json::object(storage())) {}
  using InlineJsonArena::storage;
};

// ---- Parsing ----------------------------------------------------------------------------

// Parses `text` strictly into a value allocated from `storage`. Errors: kLimitExceeded for
// size and depth ("JSON text larger than N bytes", "JSON nesting deeper than N levels");
// kMalformed for everything else: "invalid JSON: <reason> at offset N", "duplicate member
// name \"exp\"", "number out of range" (a number whose magnitude overflows a double, e.g.
// 1e400: JavaScript would read Infinity, which no claim may be; underflow to 0 is kept).
Result<boost::json::value> parse_json(std::string_view text, const JsonLimits& limits,
                                      boost::json::storage_ptr storage = {});

// Same, but the text must be an object ("JSON text is not an object" otherwise).
Result<boost::json::object> parse_json_object(std::string_view text, const JsonLimits& limits,
                                              boost::json::storage_ptr storage = {});

// ---- Serialising (JSON.stringify compatible) ---------------------------------------------

// Appends the compact JSON text of `value` to `out`. Output matches JSON.stringify of the
// same value after JSON.parse in V8: members in their order, except that array-index names
// ("0" … "4294967294") come first, ascending, as V8 orders them;
// doubles in JavaScript's shortest round-trip form (1.5, 1e+21, 1.5e-7, never "1.5E0"),
// integers exactly, strings escaped as JSON.stringify does (only '"', '\\' and control
// characters). Invalid UTF-8 in a string (only possible for values set from C++) is
// written as U+FFFD per maximal subpart, as Node.js decodes such bytes. Non-finite doubles
// (never produced by the parser) are written as null, as JSON.stringify does.
void serialize_json_append(const boost::json::value& value, std::string& out);
void serialize_json_append(const boost::json::object& object, std::string& out);
std::string serialize_json(const boost::json::value& value);
std::string serialize_json(const boost::json::object& object);

// Appends JavaScript's Number.prototype.toString() of `number` (-0 gives "0").
void format_number(double number, std::string& out);

// Appends `text` as a quoted JSON string, escaped as above.
void append_json_string(std::string_view text, std::string& out);

// ---- Typed access for the layers above -----------------------------------------------

inline const boost::json::value* find_member(const boost::json::object& object,
                                             std::string_view name) noexcept {
  return object.if_contains(name);
}

inline std::optional<std::string_view> as_string(const boost::json::value& value) noexcept {
  if (const auto* s = value.if_string()) return std::string_view(s->data(), s->size());
  return std::nullopt;
}

// Any JSON number as a double (int64 and uint64 converted, as JavaScript would).
inline std::optional<double> as_number(const boost::json::value& value) noexcept {
  switch (value.kind()) {
    case boost::json::kind::int64:
      return static_cast<double>(value.get_int64());
    case boost::json::kind::uint64:
      return static_cast<double>(value.get_uint64());
    case boost::json::kind::double_:
      return value.get_double();
    default:
      return std::nullopt;
  }
}

// An integral number within int64 range: 1 and 1.0 count, 1.5 and 1e19 do not.
std::optional<std::int64_t> as_integer(const boost::json::value& value) noexcept;

// The library's one way into a JsonObject (its friend): its document, and a JsonObject made
// from a document. JsonObject's public interface has neither, so no user reaches Boost.JSON.
struct JsonAccess {
  static const JsonDoc& doc(const JsonObject& object) noexcept { return object.doc(); }
  static JsonObject make(std::shared_ptr<const JsonDoc> doc) noexcept {
    return JsonObject(std::move(doc));
  }
};

// The document of `object`, materialised (a lazy claim set is parsed on first access).
inline const JsonDoc& json_doc(const JsonObject& object) noexcept {
  return JsonAccess::doc(object);
}

// Wraps `object` into a JsonObject. Its storage must outlive the result: the default
// storage (boost::json::storage_ptr()) always does.
JsonObject make_json_object(boost::json::object object);

}  // namespace jot::detail
