// jot::JsonObject: an immutable parsed JSON object behind a shared pointer.

#include "jot/json_object.hpp"

#include <cmath>
#include <limits>

#include "base/json_doc.hpp"

namespace jot {
namespace detail {

std::optional<std::int64_t> as_integer(const boost::json::value& value) noexcept {
  switch (value.kind()) {
    case boost::json::kind::int64:
      return value.get_int64();
    case boost::json::kind::uint64:
      // Boost uses uint64 only above INT64_MAX; the check keeps this independent of that.
      if (value.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(value.get_uint64());
      }
      return std::nullopt;
    case boost::json::kind::double_: {
      const double d = value.get_double();
      // [-2^63, 2^63): both bounds are exact doubles, so the cast below is defined.
      constexpr double kLimit = 9223372036854775808.0;
      if (!(d >= -kLimit && d < kLimit) || std::trunc(d) != d) return std::nullopt;
      return static_cast<std::int64_t>(d);
    }
    default:
      return std::nullopt;
  }
}

JsonObject make_json_object(boost::json::object object) {
  return JsonObject(std::make_shared<const JsonDoc>(JsonDoc{std::move(object)}));
}

}  // namespace detail

namespace {

// `{}` is shared: default-constructed objects cost no allocation.
const std::shared_ptr<const detail::JsonDoc>& empty_doc() {
  static const auto doc = std::make_shared<const detail::JsonDoc>();
  return doc;
}

}  // namespace

JsonObject::JsonObject() : doc_(empty_doc()) {}

Result<JsonObject> JsonObject::parse(std::string_view json, const JsonLimits& limits) {
  // Refuse oversized input before allocating anything.
  if (json.size() > limits.max_bytes) {
    return detail::parse_json_object(json, limits).error();
  }
  // The one allocation: the doc and its arena; the parsed object lives in the arena.
  auto doc = std::make_shared<detail::ArenaJsonDoc>();
  Result<boost::json::object> parsed = detail::parse_json_object(json, limits, doc->storage());
  if (!parsed) return std::move(parsed).error();
  // Same storage on both sides: a move, not a copy.
  doc->object = std::move(*parsed);
  return JsonObject(std::shared_ptr<const detail::JsonDoc>(std::move(doc)));
}

bool JsonObject::contains(std::string_view name) const noexcept {
  return doc_->object.contains(name);
}

std::size_t JsonObject::size() const noexcept {
  return doc_->object.size();
}

std::vector<std::string_view> JsonObject::names() const {
  std::vector<std::string_view> names;
  names.reserve(doc_->object.size());
  for (const auto& member : doc_->object) {
    names.emplace_back(member.key().data(), member.key().size());
  }
  return names;
}

std::optional<std::string_view> JsonObject::get_string(std::string_view name) const noexcept {
  const boost::json::value* value = detail::find_member(doc_->object, name);
  return value != nullptr ? detail::as_string(*value) : std::nullopt;
}

std::optional<double> JsonObject::get_number(std::string_view name) const noexcept {
  const boost::json::value* value = detail::find_member(doc_->object, name);
  return value != nullptr ? detail::as_number(*value) : std::nullopt;
}

std::optional<std::int64_t> JsonObject::get_integer(std::string_view name) const noexcept {
  const boost::json::value* value = detail::find_member(doc_->object, name);
  return value != nullptr ? detail::as_integer(*value) : std::nullopt;
}

std::optional<bool> JsonObject::get_bool(std::string_view name) const noexcept {
  const boost::json::value* value = detail::find_member(doc_->object, name);
  if (value == nullptr || !value->is_bool()) return std::nullopt;
  return value->get_bool();
}

std::optional<std::vector<std::string>> JsonObject::get_string_array(std::string_view name) const {
  const boost::json::value* value = detail::find_member(doc_->object, name);
  if (value == nullptr || !value->is_array()) return std::nullopt;
  const boost::json::array& array = value->get_array();
  std::vector<std::string> strings;
  strings.reserve(array.size());
  for (const boost::json::value& element : array) {
    if (!element.is_string()) return std::nullopt;
    strings.emplace_back(element.get_string().data(), element.get_string().size());
  }
  return strings;
}

bool JsonObject::is_null(std::string_view name) const noexcept {
  const boost::json::value* value = detail::find_member(doc_->object, name);
  return value != nullptr && value->is_null();
}

std::optional<std::string> JsonObject::get_json(std::string_view name) const {
  const boost::json::value* value = detail::find_member(doc_->object, name);
  if (value == nullptr) return std::nullopt;
  return detail::serialize_json(*value);
}

std::string JsonObject::to_json() const {
  return detail::serialize_json(doc_->object);
}

}  // namespace jot
