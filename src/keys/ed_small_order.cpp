// EdDSA public keys of small order.
//
// A public key A of small order (A = identity, or a torsion point of order 2, 4 or 8)
// makes verification [S]B = R + [k]A pass for signatures built without the private key
// (RFC 8032 §5.1.7 checks the equation only; see Chalkias, Garillot, Nikolaenko, "Taming
// the many EdDSAs", SSR 2020, §3 and Table 5, and Brendel et al., "The Provable Security
// of Ed25519", 2021). Such keys have no legitimate use and are refused at parse time.
//
// The torsion points are a short fixed list, written here as data: their y coordinates,
// little-endian as in the RFC 8032 encoding with the sign bit of x cleared. Comparing
// after clearing the sign bit covers both signs of x, and the list also holds the
// non-canonical encodings y + p that still fit in the encoding (y = p and p + 1), which
// decoders that do not reduce y would map onto the same torsion points.

#include <array>
#include <cstdio>
#include <string>
#include <string_view>

#include "keys/key_build.hpp"

namespace jot::detail {
namespace {

// Ed25519, p = 2^255 - 19, 32-byte encodings (cofactor 8: orders 1, 2, 4, 8).
constexpr std::array<std::string_view, 7> kEd25519SmallOrderY = {
    "0100000000000000000000000000000000000000000000000000000000000000",  // (0, 1): order 1
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // (0, -1): order 2
    "0000000000000000000000000000000000000000000000000000000000000000",  // (±√-1, 0): order 4
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",  // order 8
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",  // order 8
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // y = p (≡ 0)
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // y = p + 1 (≡ 1)
};

// Ed448, p = 2^448 - 2^224 - 1, 57-byte encodings (cofactor 4: orders 1, 2, 4).
constexpr std::array<std::string_view, 5> kEd448SmallOrderY = {
    // (0, 1): order 1
    "0100000000000000000000000000000000000000000000000000000000"
    "00000000000000000000000000000000000000000000000000000000",
    // (0, -1): order 2
    "fefffffffffffffffffffffffffffffffffffffffffffffffffffffffe"
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffff00",
    // (±1, 0): order 4
    "0000000000000000000000000000000000000000000000000000000000"
    "00000000000000000000000000000000000000000000000000000000",
    // y = p (≡ 0)
    "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffff00",
    // y = p + 1 (≡ 1)
    "00000000000000000000000000000000000000000000000000000000ff"
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffff00",
};

std::string hex_without_sign_bit(std::string_view encoded) {
  std::string hex;
  hex.reserve(encoded.size() * 2);
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    auto byte = static_cast<unsigned char>(encoded[i]);
    if (i + 1 == encoded.size()) byte = static_cast<unsigned char>(byte & 0x7f);
    std::array<char, 3> two{};
    std::snprintf(two.data(), two.size(), "%02x", byte);
    hex.append(two.data(), 2);
  }
  return hex;
}

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, const std::string& hex) {
  for (std::string_view entry : list) {
    if (entry == hex) return true;
  }
  return false;
}

}  // namespace

bool is_small_order_point(Curve curve, std::string_view encoded) noexcept {
  try {
    if (curve == Curve::kEd25519 && encoded.size() == 32) {
      return listed(kEd25519SmallOrderY, hex_without_sign_bit(encoded));
    }
    if (curve == Curve::kEd448 && encoded.size() == 57) {
      return listed(kEd448SmallOrderY, hex_without_sign_bit(encoded));
    }
  } catch (...) {
    return true;  // out of memory: refuse rather than accept unchecked
  }
  return false;
}

}  // namespace jot::detail
