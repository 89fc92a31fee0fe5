#pragma once

// For tests of the JSON layer's private code (the strict parser, the lazy claim set, the
// document arena): the Boost.JSON document behind a JsonObject, which the public interface
// does not show. Tests of behaviour go through JsonObject's own calls instead.

#include <boost/json.hpp>

#include "jot/json_object.hpp"
#include "json/json_doc.hpp"

namespace jot_test {

// The document, materialised (a lazy claim set is parsed here, on first access).
inline const jot::detail::JsonDoc& json_doc(const jot::JsonObject& object) noexcept {
  return jot::detail::json_doc(object);
}

inline const boost::json::object& json_of(const jot::JsonObject& object) noexcept {
  return json_doc(object).object;
}

}  // namespace jot_test
