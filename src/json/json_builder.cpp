// jot::JsonObject::Builder: copy-on-write construction of JSON objects.
//
// A builder's document lives in the default (heap) storage rather than an arena: builders
// replace and erase members, and an arena would keep every replaced value until the end.

#include "jot/json_object.hpp"
#include "json/json_doc.hpp"

namespace jot {

JsonObject::Builder::Builder() : doc_(std::make_unique<detail::JsonDoc>()) {}

JsonObject::Builder::Builder(const JsonObject& start)
    // A deep copy into the default storage: the start object's arena may die first.
    : doc_(std::make_unique<detail::JsonDoc>(
          boost::json::object(start.doc().object, boost::json::storage_ptr()))) {}

JsonObject::Builder::~Builder() = default;
JsonObject::Builder::Builder(Builder&&) noexcept = default;
JsonObject::Builder& JsonObject::Builder::operator=(Builder&&) noexcept = default;

namespace {

// A builder that was moved from or already built starts again from {} rather than crash.
boost::json::object& object_of(std::unique_ptr<detail::JsonDoc>& doc) {
  if (!doc) doc = std::make_unique<detail::JsonDoc>();
  return doc->object;
}

}  // namespace

JsonObject::Builder& JsonObject::Builder::set(std::string_view name, std::string_view value) {
  // operator[] keeps an existing member's position and appends a new one.
  object_of(doc_)[name] = boost::json::string_view(value.data(), value.size());
  return *this;
}

JsonObject::Builder& JsonObject::Builder::set(std::string_view name, std::int64_t value) {
  object_of(doc_)[name] = value;
  return *this;
}

JsonObject::Builder& JsonObject::Builder::set(std::string_view name, double value) {
  object_of(doc_)[name] = value;
  return *this;
}

JsonObject::Builder& JsonObject::Builder::set(std::string_view name, bool value) {
  object_of(doc_)[name] = value;
  return *this;
}

JsonObject::Builder& JsonObject::Builder::set(std::string_view name,
                                              const std::vector<std::string>& values) {
  boost::json::object& object = object_of(doc_);
  boost::json::array array(object.storage());
  array.reserve(values.size());
  for (const std::string& value : values) array.emplace_back(boost::json::string_view(value));
  object[name] = std::move(array);
  return *this;
}

Result<void> JsonObject::Builder::set_json(std::string_view name, std::string_view json) {
  boost::json::object& object = object_of(doc_);
  Result<boost::json::value> parsed = detail::parse_json(json, JsonLimits{}, object.storage());
  if (!parsed) return std::move(parsed).error();
  object[name] = std::move(*parsed);
  return {};
}

JsonObject::Builder& JsonObject::Builder::erase(std::string_view name) {
  boost::json::object& object = object_of(doc_);
  if (!object.contains(name)) return *this;
  // Boost.JSON 1.81's erase moves the last member into the hole; rebuild to keep order.
  boost::json::object kept(object.storage());
  kept.reserve(object.size() - 1);
  for (auto& member : object) {
    if (member.key() != boost::json::string_view(name.data(), name.size())) {
      kept.emplace(member.key(), std::move(member.value()));
    }
  }
  object = std::move(kept);
  return *this;
}

bool JsonObject::Builder::contains(std::string_view name) const noexcept {
  return doc_ && doc_->object.contains(name);
}

JsonObject JsonObject::Builder::build() && {
  object_of(doc_);
  return JsonObject(std::shared_ptr<const detail::JsonDoc>(std::move(doc_)));
}

}  // namespace jot
