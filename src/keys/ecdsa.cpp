#include "keys/ecdsa.hpp"

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>

#include <cstring>

#include "keys/pkey_ctx.hpp"

namespace jot::detail {
namespace {

constexpr std::size_t kMaxField = 66;

int curve_nid(Curve curve) noexcept {
  switch (curve) {
    case Curve::kP256:
      return NID_X9_62_prime256v1;
    case Curve::kP384:
      return NID_secp384r1;
    case Curve::kP521:
      return NID_secp521r1;
    case Curve::kSecp256k1:
      return NID_secp256k1;
    default:
      return NID_undef;
  }
}

int curve_index(Curve curve) noexcept {
  switch (curve) {
    case Curve::kP256:
      return 0;
    case Curve::kP384:
      return 1;
    case Curve::kP521:
      return 2;
    case Curve::kSecp256k1:
      return 3;
    default:
      return -1;
  }
}

// The group orders n, big-endian and left-padded to the field size, read once from OpenSSL's
// curve definitions (not transcribed by hand). A curve whose order could not be read keeps
// `ok == false`, and all its signatures are rejected.
struct CurveOrders {
  struct Order {
    bool ok = false;
    unsigned char bytes[kMaxField] = {};
  };
  Order orders[4];

  CurveOrders() noexcept {
    for (Curve curve : {Curve::kP256, Curve::kP384, Curve::kP521, Curve::kSecp256k1}) {
      Order& order = orders[curve_index(curve)];
      EC_GROUP* group = EC_GROUP_new_by_curve_name(curve_nid(curve));
      if (group == nullptr) continue;
      const BIGNUM* n = EC_GROUP_get0_order(group);
      const int width = static_cast<int>(ecdsa_field_bytes(curve));
      order.ok = n != nullptr && BN_bn2binpad(n, order.bytes, width) == width;
      EC_GROUP_free(group);
    }
    ERR_clear_error();
  }
};

const unsigned char* order_of(Curve curve) noexcept {
  static const CurveOrders instance;
  const int index = curve_index(curve);
  if (index < 0 || !instance.orders[index].ok) return nullptr;
  return instance.orders[index].bytes;
}

// 0 < x < n for big-endian x and n of the same width (a public value: no need for
// constant time).
bool in_scalar_range(const unsigned char* x, const unsigned char* n, std::size_t width) noexcept {
  bool zero = true;
  for (std::size_t i = 0; i < width && zero; ++i) zero = x[i] == 0;
  return !zero && std::memcmp(x, n, width) < 0;
}

// Appends the DER INTEGER of a positive big-endian value: minimal length (leading zero bytes
// dropped), with a 0x00 prefix when the top bit is set so it stays positive.
std::size_t put_der_integer(const unsigned char* value, std::size_t width,
                            unsigned char* out) noexcept {
  while (width > 1 && *value == 0) {
    ++value;
    --width;
  }
  const bool pad = (*value & 0x80U) != 0;
  const std::size_t content = width + (pad ? 1U : 0U);
  std::size_t pos = 0;
  out[pos++] = 0x02;
  out[pos++] = static_cast<unsigned char>(content);  // ≤ 67: short form
  if (pad) out[pos++] = 0x00;
  std::memcpy(out + pos, value, width);
  return pos + width;
}

// Reads a DER INTEGER holding a non-negative value of at most `width` bytes into `out`,
// left-padded to `width`, and advances `cursor`. Only DER's minimal form is accepted: no
// superfluous leading 0x00, no negative value, a short-form length.
//
// Written out rather than through d2i_ECDSA_SIG: OpenSSL's generic ASN.1 decoder allocates
// an ECDSA_SIG and two BIGNUMs per signature, a visible share of an ES256 sign (issue #6),
// to read back the two integers OpenSSL itself has just encoded.
bool get_der_integer(const unsigned char*& cursor, const unsigned char* end, std::size_t width,
                     unsigned char* out) noexcept {
  if (end - cursor < 2 || cursor[0] != 0x02) return false;
  std::size_t length = cursor[1];
  if (length == 0 || length >= 0x80) return false;
  cursor += 2;
  if (static_cast<std::size_t>(end - cursor) < length) return false;
  const unsigned char* value = cursor;
  cursor += length;
  if ((value[0] & 0x80U) != 0) return false;  // negative
  if (value[0] == 0 && length > 1) {
    if ((value[1] & 0x80U) == 0) return false;  // a leading zero that DER forbids
    ++value;
    --length;
  }
  if (length > width) return false;
  std::memset(out, 0, width - length);
  std::memcpy(out + (width - length), value, length);
  return true;
}

bool key_fits(Algorithm alg, const KeyData& key) noexcept {
  const Curve curve = ecdsa_curve(alg);
  return curve != Curve::kNone && key.type == KeyType::kEc && key.curve == curve && key.pkey;
}

bool configure_ecdsa(EVP_PKEY_CTX* ctx, Algorithm /*alg*/, const EVP_MD* md) noexcept {
  // Binding the digest makes OpenSSL also check that what it signs is a digest of that size.
  return EVP_PKEY_CTX_set_signature_md(ctx, md) > 0;
}

}  // namespace

Curve ecdsa_curve(Algorithm alg) noexcept {
  switch (alg) {
    case Algorithm::kES256:
      return Curve::kP256;
    case Algorithm::kES384:
      return Curve::kP384;
    case Algorithm::kES512:
      return Curve::kP521;
    case Algorithm::kES256K:
      return Curve::kSecp256k1;
    default:
      return Curve::kNone;
  }
}

std::size_t ecdsa_field_bytes(Curve curve) noexcept {
  switch (curve) {
    case Curve::kP256:
    case Curve::kSecp256k1:
      return 32;
    case Curve::kP384:
      return 48;
    case Curve::kP521:
      return 66;
    default:
      return 0;
  }
}

std::size_t ecdsa_raw_to_der(Curve curve, std::string_view raw,
                             unsigned char (&der)[kMaxEcdsaDer]) noexcept {
  const std::size_t width = ecdsa_field_bytes(curve);
  const unsigned char* n = order_of(curve);
  if (width == 0 || n == nullptr || raw.size() != 2 * width) return 0;
  const auto* r = reinterpret_cast<const unsigned char*>(raw.data());
  const unsigned char* s = r + width;
  if (!in_scalar_range(r, n, width) || !in_scalar_range(s, n, width)) return 0;

  // Integers first, after room for the longest SEQUENCE header; then the header in front.
  unsigned char body[kMaxEcdsaDer];
  std::size_t body_length = put_der_integer(r, width, body);
  body_length += put_der_integer(s, width, body + body_length);
  std::size_t pos = 0;
  der[pos++] = 0x30;
  if (body_length >= 0x80) der[pos++] = 0x81;  // long form, one length byte (≤ 138)
  der[pos++] = static_cast<unsigned char>(body_length);
  std::memcpy(der + pos, body, body_length);
  return pos + body_length;
}

bool ecdsa_der_to_raw(Curve curve, const unsigned char* der, std::size_t der_length,
                      std::string& out) {
  const std::size_t width = ecdsa_field_bytes(curve);
  if (width == 0 || der_length > kMaxEcdsaDer || der_length < 2 || der[0] != 0x30) return false;
  // SEQUENCE length: short form, or long form with one byte (only for lengths ≥ 0x80).
  std::size_t header = 2;
  std::size_t body_length = der[1];
  if (body_length == 0x81 && der_length >= 3 && der[2] >= 0x80) {
    header = 3;
    body_length = der[2];
  } else if (body_length >= 0x80) {
    return false;
  }
  if (header + body_length != der_length) return false;
  const unsigned char* cursor = der + header;
  const unsigned char* const end = der + der_length;
  unsigned char raw[2 * kMaxField];
  if (!get_der_integer(cursor, end, width, raw) ||
      !get_der_integer(cursor, end, width, raw + width) || cursor != end) {
    return false;
  }
  out.append(reinterpret_cast<const char*>(raw), 2 * width);
  return true;
}

Result<void> ecdsa_sign(Algorithm alg, const KeyData& key, std::string_view input,
                        std::string& out) {
  if (!key_fits(alg, key) || !key.has_private) {
    return Error(Errc::kKeyMismatch, "ECDSA algorithms need a private key on the curve");
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  const std::size_t digest_length = prehash(alg, input, digest);
  EVP_PKEY_CTX* ctx =
      digest_length == 0 ? nullptr : prepared_pkey_ctx(key, alg, PkeyOp::kSign, configure_ecdsa);
  unsigned char der[kMaxEcdsaDer];
  std::size_t der_length = sizeof der;
  if (ctx == nullptr || EVP_PKEY_sign(ctx, der, &der_length, digest, digest_length) != 1) {
    drop_pkey_ctx(key, alg, PkeyOp::kSign);
    return Error(Errc::kInternal, "ECDSA signing failed: " + ossl_error_text());
  }
  if (!ecdsa_der_to_raw(key.curve, der, der_length, out)) {
    return Error(Errc::kInternal, "ECDSA signing produced an unexpected signature");
  }
  return {};
}

bool ecdsa_verify(Algorithm alg, const KeyData& key, std::string_view input,
                  std::string_view signature) noexcept {
  if (!key_fits(alg, key)) return false;
  unsigned char der[kMaxEcdsaDer];
  const std::size_t der_length = ecdsa_raw_to_der(key.curve, signature, der);
  if (der_length == 0) return false;
  unsigned char digest[EVP_MAX_MD_SIZE];
  const std::size_t digest_length = prehash(alg, input, digest);
  EVP_PKEY_CTX* ctx =
      digest_length == 0 ? nullptr : prepared_pkey_ctx(key, alg, PkeyOp::kVerify, configure_ecdsa);
  const bool ok =
      ctx != nullptr && EVP_PKEY_verify(ctx, der, der_length, digest, digest_length) == 1;
  if (!ok) ERR_clear_error();
  return ok;
}

}  // namespace jot::detail
