// Compact serialisation: exactly five '.'-separated segments (RFC 7516 §7.1).

#include <array>

#include "jot/jwe.hpp"

namespace jot::jwe {

Result<Segments> split(std::string_view token) noexcept {
  std::array<std::size_t, 4> dots{};
  std::size_t count = 0;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] != '.') continue;
    if (count == dots.size()) return Error(Errc::kMalformed, "jwe malformed: too many segments");
    dots[count++] = i;
  }
  if (count == 2) {
    return Error(Errc::kMalformed,
                 "jwe malformed: this is a JWS (three segments), not a JWE; verify it instead");
  }
  if (count != 4) return Error(Errc::kMalformed, "jwe malformed: a JWE has five segments");
  auto part = [&](std::size_t begin, std::size_t end) { return token.substr(begin, end - begin); };
  Segments s;
  s.header = part(0, dots[0]);
  s.encrypted_key = part(dots[0] + 1, dots[1]);
  s.iv = part(dots[1] + 1, dots[2]);
  s.ciphertext = part(dots[2] + 1, dots[3]);
  s.tag = part(dots[3] + 1, token.size());
  return s;
}

}  // namespace jot::jwe
