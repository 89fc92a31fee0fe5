// jot::JsonObject: an immutable parsed JSON object behind a shared pointer.

#include "jot/json_object.hpp"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <mutex>

#include "json/json_doc.hpp"
#include "json/json_scan.hpp"

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

namespace {

// A document over text that was already validated with `limits`: the text is kept in the
// arena and parsed on first access. Verify returns claim sets this way, so a caller who
// reads no claim pays for no document, and one who does pays for it once.
//
// The arena is smaller than ArenaJsonDoc's: the whole doc stays in one allocation that
// malloc serves from its per-thread cache, and a claim set the size of the demo's (text and
// document) still fits; larger ones spill to the heap, on first access only.
class LazyJsonDoc final : private InlineJsonArena<640>, public JsonDoc {
 public:
  LazyJsonDoc(std::string_view text, const JsonLimits& limits)
      : InlineJsonArena(), JsonDoc(boost::json::object(storage())), limits_(limits) {
    char* copy = static_cast<char*>(resource.allocate(text.size() + 1, 1));
    if (!text.empty()) std::memcpy(copy, text.data(), text.size());
    text_ = std::string_view(copy, text.size());
  }

  void materialise() const noexcept override {
    // call_once: a verified token may be shared between threads; the first reader builds.
    std::call_once(once_, [this] {
      // `object` and the arena are mutable (JsonDoc): this one-time fill of a document
      // shared as const is defined, and call_once orders it before every reader.
      auto parsed = parse_json_object(text_, limits_, storage());
      // The same text passed the same rules before, so only memory exhaustion can fail
      // here, and a noexcept accessor has no way to report it: stop rather than show an
      // empty object.
      if (!parsed) std::abort();
      object = std::move(*parsed);
    });
  }

 private:
  std::string_view text_;
  JsonLimits limits_;
  mutable std::once_flag once_;
};

}  // namespace

JsonObject make_json_object(boost::json::object object) {
  return JsonAccess::make(std::make_shared<const JsonDoc>(std::move(object)));
}

JsonObject make_lazy_object(std::string_view text, const JsonLimits& limits) {
  return JsonAccess::make(std::make_shared<const LazyJsonDoc>(text, limits));
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

const detail::JsonDoc& JsonObject::doc() const noexcept {
  doc_->materialise();
  return *doc_;
}

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
  return doc().object.contains(name);
}

std::size_t JsonObject::size() const noexcept {
  return doc().object.size();
}

std::vector<std::string_view> JsonObject::names() const {
  std::vector<std::string_view> names;
  names.reserve(doc().object.size());
  for (const auto& member : doc().object) {
    names.emplace_back(member.key().data(), member.key().size());
  }
  return names;
}

std::optional<std::string_view> JsonObject::get_string(std::string_view name) const noexcept {
  const boost::json::value* value = detail::find_member(doc().object, name);
  return value != nullptr ? detail::as_string(*value) : std::nullopt;
}

std::optional<double> JsonObject::get_number(std::string_view name) const noexcept {
  const boost::json::value* value = detail::find_member(doc().object, name);
  return value != nullptr ? detail::as_number(*value) : std::nullopt;
}

std::optional<std::int64_t> JsonObject::get_integer(std::string_view name) const noexcept {
  const boost::json::value* value = detail::find_member(doc().object, name);
  return value != nullptr ? detail::as_integer(*value) : std::nullopt;
}

std::optional<bool> JsonObject::get_bool(std::string_view name) const noexcept {
  const boost::json::value* value = detail::find_member(doc().object, name);
  if (value == nullptr || !value->is_bool()) return std::nullopt;
  return value->get_bool();
}

std::optional<std::vector<std::string>> JsonObject::get_string_array(std::string_view name) const {
  const boost::json::value* value = detail::find_member(doc().object, name);
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
  const boost::json::value* value = detail::find_member(doc().object, name);
  return value != nullptr && value->is_null();
}

std::optional<std::string> JsonObject::get_json(std::string_view name) const {
  const boost::json::value* value = detail::find_member(doc().object, name);
  if (value == nullptr) return std::nullopt;
  return detail::serialize_json(*value);
}

std::string JsonObject::to_json() const {
  return detail::serialize_json(doc().object);
}

}  // namespace jot
