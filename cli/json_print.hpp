#pragma once

// Indents JSON text for people. Works on the text itself, so numbers keep their exact
// spelling (a JSON library would re-serialise 1.5 as 1.5E0).

#include <string>
#include <string_view>

namespace jot::cli {

// `json` must be valid JSON (as produced by JsonObject::to_json()). Two-space indentation;
// with `colour`, ANSI colours for member names, strings, numbers and literals.
std::string pretty_json(std::string_view json, bool colour);

// `text` as a JSON string literal, quotes included.
std::string json_quote(std::string_view text);

}  // namespace jot::cli
