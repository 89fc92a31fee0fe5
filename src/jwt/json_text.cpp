// Thin wrappers over the base layer's JSON.stringify-compatible writer, so claims that
// sign() adds are spelled exactly as jsonwebtoken would spell them.

#include "jwt/json_text.hpp"

#include "json/json_doc.hpp"

namespace jot::detail {

std::string json_number(double x) {
  std::string out;
  format_number(x, out);
  return out;
}

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(text, out);
  return out;
}

std::string json_string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += ',';
    append_json_string(items[i], out);
  }
  out += ']';
  return out;
}

}  // namespace jot::detail
