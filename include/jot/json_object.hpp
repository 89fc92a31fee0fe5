#pragma once

// JsonObject: an immutable, parsed JSON object (a JWT header or claim set).
//
// Member order is preserved, so a payload signed by jot is byte-stable. The object is a
// cheap-to-copy handle (one shared_ptr) and safe to share between threads. jot's JSON
// library stays behind this interface: no third-party header is reachable from here.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jot/error.hpp"

namespace jot {

namespace detail {
struct JsonDoc;
struct JsonAccess;  // the library's way in (src/json/json_doc.hpp)
}  // namespace detail

// Limits applied when parsing untrusted JSON (header, payload, JWK).
struct JsonLimits {
  std::size_t max_bytes = 64 * 1024;  // text size
  std::size_t max_depth = 16;         // nesting of objects/arrays
  // RFC 7515 §5.2 and RFC 7519 §4 allow either rejecting duplicate member names or keeping
  // the last one. jot rejects them unless this is set.
  bool allow_duplicate_members = false;
};

class JsonObject {
 public:
  JsonObject();  // {}

  // Parses text that must be one JSON object, strictly: UTF-8, no comments, no trailing
  // commas, no duplicate member names, within `limits`.
  static Result<JsonObject> parse(std::string_view json, const JsonLimits& limits = {});

  bool contains(std::string_view name) const noexcept;
  std::size_t size() const noexcept;
  bool empty() const noexcept { return size() == 0; }
  std::vector<std::string_view> names() const;

  // Typed accessors: nullopt when the member is absent or of another JSON type.
  std::optional<std::string_view> get_string(std::string_view name) const noexcept;
  std::optional<double> get_number(std::string_view name) const noexcept;
  // An integral number within int64 range (1.0 counts, 1.5 does not).
  std::optional<std::int64_t> get_integer(std::string_view name) const noexcept;
  std::optional<bool> get_bool(std::string_view name) const noexcept;
  // An array whose elements are all strings.
  std::optional<std::vector<std::string>> get_string_array(std::string_view name) const;
  bool is_null(std::string_view name) const noexcept;
  // Any member, serialised as JSON text.
  std::optional<std::string> get_json(std::string_view name) const;

  // Compact serialisation, member order kept.
  std::string to_json() const;

  // Builds a new object (copy-on-write: the receiver is unchanged). Setting an existing
  // member replaces its value and keeps its position; a new member is appended.
  class Builder;

 private:
  // Only the library makes a JsonObject from a document and reads the document back.
  friend struct detail::JsonAccess;
  explicit JsonObject(std::shared_ptr<const detail::JsonDoc> doc) noexcept : doc_(std::move(doc)) {}
  // The document; a claim set returned by verify is parsed here, on first access.
  const detail::JsonDoc& doc() const noexcept;

  std::shared_ptr<const detail::JsonDoc> doc_;
};

class JsonObject::Builder {
 public:
  Builder();
  explicit Builder(const JsonObject& start);
  ~Builder();
  Builder(Builder&&) noexcept;
  Builder& operator=(Builder&&) noexcept;

  Builder& set(std::string_view name, std::string_view value);
  Builder& set(std::string_view name, const char* value) {
    return set(name, std::string_view(value));
  }
  Builder& set(std::string_view name, std::int64_t value);
  Builder& set(std::string_view name, int value) {
    return set(name, static_cast<std::int64_t>(value));
  }
  Builder& set(std::string_view name, double value);
  Builder& set(std::string_view name, bool value);
  Builder& set(std::string_view name, const std::vector<std::string>& values);
  // `json` must be valid JSON text (any type); parsed strictly.
  Result<void> set_json(std::string_view name, std::string_view json);
  Builder& erase(std::string_view name);
  bool contains(std::string_view name) const noexcept;

  JsonObject build() &&;

 private:
  std::unique_ptr<detail::JsonDoc> doc_;
};

}  // namespace jot
