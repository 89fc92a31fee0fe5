// base64url without padding (RFC 4648 §5, RFC 7515 §2), strict and table driven.
//
// Decoding is on the verify hot path (header, payload and signature of every token), so it
// works in blocks of four characters, looks each one up once in a 256-entry table, and
// detects any invalid character by OR-ing the looked-up values: valid sextets are < 64,
// invalid characters map to 0xFF, so a single test per block suffices.

#include "jot/base64url.hpp"

#include <array>
#include <cstdint>

namespace jot::base64url {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::uint8_t kInvalid = 0xFF;

constexpr std::array<std::uint8_t, 256> make_decode_table() {
  std::array<std::uint8_t, 256> table{};
  for (auto& entry : table) entry = kInvalid;
  for (std::uint8_t i = 0; i < 64; ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = i;
  }
  return table;
}
constexpr std::array<std::uint8_t, 256> kDecode = make_decode_table();

inline std::uint32_t sextet(char c) noexcept {
  return kDecode[static_cast<unsigned char>(c)];
}

}  // namespace

std::size_t encoded_size(std::size_t byte_count) noexcept {
  // Written to avoid overflowing byte_count * 4.
  return byte_count / 3 * 4 + (byte_count % 3 * 4 + 2) / 3;
}

std::size_t decoded_size(std::size_t text_size) noexcept {
  // Exact for valid lengths; a length of 1 (mod 4) is invalid and its dangling character
  // is not counted.
  return text_size / 4 * 3 + (text_size % 4 * 3) / 4;
}

void encode_append(std::string_view bytes, std::string& out) {
  const std::size_t start = out.size();
  out.resize(start + encoded_size(bytes.size()));
  char* dst = out.data() + start;
  const auto* src = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t remaining = bytes.size();
  while (remaining >= 3) {
    const std::uint32_t block =
        (std::uint32_t{src[0]} << 16) | (std::uint32_t{src[1]} << 8) | std::uint32_t{src[2]};
    dst[0] = kAlphabet[(block >> 18) & 0x3F];
    dst[1] = kAlphabet[(block >> 12) & 0x3F];
    dst[2] = kAlphabet[(block >> 6) & 0x3F];
    dst[3] = kAlphabet[block & 0x3F];
    src += 3;
    dst += 4;
    remaining -= 3;
  }
  if (remaining == 1) {
    const std::uint32_t block = std::uint32_t{src[0]} << 16;
    dst[0] = kAlphabet[(block >> 18) & 0x3F];
    dst[1] = kAlphabet[(block >> 12) & 0x3F];
  } else if (remaining == 2) {
    const std::uint32_t block = (std::uint32_t{src[0]} << 16) | (std::uint32_t{src[1]} << 8);
    dst[0] = kAlphabet[(block >> 18) & 0x3F];
    dst[1] = kAlphabet[(block >> 12) & 0x3F];
    dst[2] = kAlphabet[(block >> 6) & 0x3F];
  }
}

std::string encode(std::string_view bytes) {
  std::string out;
  encode_append(bytes, out);
  return out;
}

bool decode_into(std::string_view text, std::string& out) {
  // One dangling character carries only 6 bits: no byte can be encoded that way.
  if (text.size() % 4 == 1) return false;
  out.resize(decoded_size(text.size()));
  return decode_to(text, out.data());
}

bool decode_to(std::string_view text, char* out) noexcept {
  const std::size_t tail = text.size() % 4;
  if (tail == 1) return false;
  const char* src = text.data();
  char* dst = out;
  for (std::size_t blocks = text.size() / 4; blocks != 0; --blocks) {
    const std::uint32_t a = sextet(src[0]);
    const std::uint32_t b = sextet(src[1]);
    const std::uint32_t c = sextet(src[2]);
    const std::uint32_t d = sextet(src[3]);
    if (((a | b | c | d) & 0x80U) != 0) return false;
    const std::uint32_t block = (a << 18) | (b << 12) | (c << 6) | d;
    dst[0] = static_cast<char>(block >> 16);
    dst[1] = static_cast<char>((block >> 8) & 0xFF);
    dst[2] = static_cast<char>(block & 0xFF);
    src += 4;
    dst += 3;
  }
  // The unused low bits of the last character must be zero, otherwise several texts would
  // decode to the same bytes (a malleable signature encoding).
  if (tail == 2) {
    const std::uint32_t a = sextet(src[0]);
    const std::uint32_t b = sextet(src[1]);
    if (((a | b) & 0x80U) != 0 || (b & 0x0FU) != 0) return false;
    dst[0] = static_cast<char>((a << 2) | (b >> 4));
  } else if (tail == 3) {
    const std::uint32_t a = sextet(src[0]);
    const std::uint32_t b = sextet(src[1]);
    const std::uint32_t c = sextet(src[2]);
    if (((a | b | c) & 0x80U) != 0 || (c & 0x03U) != 0) return false;
    const std::uint32_t block = (a << 18) | (b << 12) | (c << 6);
    dst[0] = static_cast<char>(block >> 16);
    dst[1] = static_cast<char>((block >> 8) & 0xFF);
  }
  return true;
}

Result<std::string> decode(std::string_view text) {
  std::string out;
  if (!decode_into(text, out)) return Error(Errc::kMalformed, "invalid base64url");
  return out;
}

}  // namespace jot::base64url
