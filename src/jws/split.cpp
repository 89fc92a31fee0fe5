// Compact serialisation: exactly three '.'-separated segments (RFC 7515 §7.1).

#include "jot/jws.hpp"

namespace jot::jws {

Result<Segments> split(std::string_view token) noexcept {
  const std::size_t first = token.find('.');
  if (first == std::string_view::npos) return Error(Errc::kMalformed, "jwt malformed");
  const std::size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos) return Error(Errc::kMalformed, "jwt malformed");
  // A fourth segment would be a JWE (five parts) or garbage: both are malformed here.
  if (token.find('.', second + 1) != std::string_view::npos) {
    return Error(Errc::kMalformed, "jwt malformed");
  }
  Segments segments;
  segments.header = token.substr(0, first);
  segments.payload = token.substr(first + 1, second - first - 1);
  segments.signature = token.substr(second + 1);
  return segments;
}

}  // namespace jot::jws
