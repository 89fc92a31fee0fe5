#pragma once

// Shared helpers for jot's tests: reading the public test vectors in place (RFC examples,
// Wycheproof) from the directory given by the JOT_SHARED_DIR compile definition.
//
// The helpers throw std::runtime_error on any failure (missing file, bad JSON, bad hex):
// a test that cannot load its vectors must fail loudly, never pass vacuously.

#include <boost/json.hpp>
#include <string>
#include <string_view>

namespace jot_test {

// The whole content of the file at `path` (binary, unmodified).
std::string read_file(const std::string& path);

// `relative` joined to the shared directory, e.g. shared_path("vectors/rfc/rfc7515.json").
std::string shared_path(std::string_view relative);

// Parses the JSON file at shared_path(relative). Plain RFC 8259 JSON; no jot limits apply
// (Wycheproof files are megabytes long and deeply nested).
boost::json::value load_json(std::string_view relative);

// Decodes lowercase or uppercase hex ("" gives ""). Throws on odd length or a non-hex digit.
std::string hex_decode(std::string_view hex);

// The inverse, lowercase; handy for failure messages.
std::string hex_encode(std::string_view bytes);

}  // namespace jot_test
