// base64url without padding (RFC 4648 §5, RFC 7515 §2), strict and table driven.
//
// Decoding is on the verify hot path (header, payload and signature of every token), so it
// works in blocks of four characters: each character is looked up once in a table of its
// sextet already shifted to its place in the 24-bit group, so a group is four loads and
// three ORs; invalid characters map to a bit above the group, so one test per block rejects
// any of them; and the three bytes go out in one 4-byte store while the output has room.

#include "jot/base64url.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

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

// kShifted[k][c]: the sextet of c moved to the place of the k-th character of a group of
// four (bits 23-18, 17-12, 11-6, 5-0), or kInvalidBit.
constexpr std::uint32_t kInvalidBit = 1U << 24;
using ShiftedTables = std::array<std::array<std::uint32_t, 256>, 4>;
constexpr ShiftedTables make_shifted_tables() {
  ShiftedTables tables{};
  for (std::size_t k = 0; k < 4; ++k) {
    for (std::size_t c = 0; c < 256; ++c) {
      tables[k][c] =
          kDecode[c] == kInvalid ? kInvalidBit : std::uint32_t{kDecode[c]} << (18 - 6 * k);
    }
  }
  return tables;
}
constexpr ShiftedTables kShifted = make_shifted_tables();

inline std::uint32_t group_of(const char* src) noexcept {
  return kShifted[0][static_cast<unsigned char>(src[0])] |
         kShifted[1][static_cast<unsigned char>(src[1])] |
         kShifted[2][static_cast<unsigned char>(src[2])] |
         kShifted[3][static_cast<unsigned char>(src[3])];
}

// Writes the group's three bytes and one byte of garbage after them (the next group's
// store overwrites it): only while at least four bytes of output remain.
inline void store4(std::uint32_t group, char* dst) noexcept {
  std::uint32_t bytes = group << 8;  // big-endian: first byte in the top bits
  if constexpr (std::endian::native == std::endian::little) bytes = __builtin_bswap32(bytes);
  std::memcpy(dst, &bytes, 4);
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
  const std::size_t blocks = text.size() / 4;
  // Every group but the last full one has room for a 4-byte store when a tail follows it;
  // the last full group of an aligned text does not.
  const std::size_t wide = tail == 0 && blocks != 0 ? blocks - 1 : blocks;
  for (std::size_t i = 0; i < wide; ++i) {
    const std::uint32_t group = group_of(src);
    if ((group & kInvalidBit) != 0) return false;
    store4(group, dst);
    src += 4;
    dst += 3;
  }
  if (wide != blocks) {
    const std::uint32_t group = group_of(src);
    if ((group & kInvalidBit) != 0) return false;
    dst[0] = static_cast<char>(group >> 16);
    dst[1] = static_cast<char>((group >> 8) & 0xFF);
    dst[2] = static_cast<char>(group & 0xFF);
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
