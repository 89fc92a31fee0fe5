#pragma once

// Internal JSON layer on Boost.JSON: strict parsing (UTF-8, duplicates, depth, size) and
// the document behind jot::JsonObject.

#include <boost/json.hpp>
#include <string_view>

#include "jot/error.hpp"
#include "jot/json_object.hpp"

namespace jot::detail {

struct JsonDoc {
  boost::json::object object;
};

// Parses `text` strictly into a value. Errors are kMalformed ("invalid JSON: ..."), or
// kLimitExceeded for size/depth. Duplicate member names are rejected unless allowed.
Result<boost::json::value> parse_json(std::string_view text, const JsonLimits& limits,
                                      boost::json::storage_ptr storage = {});

// Same, but the text must be an object.
Result<boost::json::object> parse_json_object(std::string_view text, const JsonLimits& limits,
                                              boost::json::storage_ptr storage = {});

}  // namespace jot::detail
