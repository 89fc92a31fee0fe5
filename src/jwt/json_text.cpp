#include "jwt/json_text.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace jot::detail {

std::string json_number(double x) {
  char buffer[32];
  constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53
  std::to_chars_result result{};
  if (std::trunc(x) == x && std::fabs(x) <= kMaxExactInteger) {
    // -0 prints as 0, like JSON.stringify.
    result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<std::int64_t>(x));
  } else {
    result = std::to_chars(buffer, buffer + sizeof buffer, x);
  }
  return std::string(buffer, result.ptr);
}

std::string json_string(std::string_view text) {
  return boost::json::serialize(boost::json::string_view(text.data(), text.size()));
}

std::string json_string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += ',';
    out += json_string(items[i]);
  }
  out += ']';
  return out;
}

}  // namespace jot::detail
