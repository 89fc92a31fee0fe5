// JWE content encryption (RFC 7518 §5): AES-GCM and AES-CBC with HMAC-SHA-2, and the AES
// key wraps (RFC 3394 AES-KW, A*GCMKW), on per-thread EVP contexts.

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cstdint>

#include "keys/jwe_crypto.hpp"
#include "keys/ossl.hpp"

namespace jot::detail {
namespace {

enum CipherIndex : std::size_t {
  kGcm128,
  kGcm192,
  kGcm256,
  kCbc128,
  kCbc192,
  kCbc256,
  kWrap128,
  kWrap192,
  kWrap256,
  kCipherCount
};

constexpr std::array<const char*, kCipherCount> kCipherNames = {
    "AES-128-GCM", "AES-192-GCM",  "AES-256-GCM",  "AES-128-CBC", "AES-192-CBC",
    "AES-256-CBC", "AES-128-WRAP", "AES-192-WRAP", "AES-256-WRAP"};

// Fetched once per process and never freed (as the digests are, digests.cpp).
const EVP_CIPHER* cipher(CipherIndex index) noexcept {
  static const std::array<EVP_CIPHER*, kCipherCount> ciphers = [] {
    std::array<EVP_CIPHER*, kCipherCount> all{};
    for (std::size_t i = 0; i < kCipherCount; ++i) {
      all[i] = EVP_CIPHER_fetch(nullptr, kCipherNames[i], nullptr);
    }
    return all;
  }();
  return ciphers[index];
}

using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, OsslDeleter<EVP_CIPHER_CTX_free>>;

// One context per cipher and thread. After its first initialisation it is re-keyed with a
// null cipher, which keeps the provider's context instead of allocating a new one.
struct ThreadCiphers {
  std::array<CipherCtxPtr, kCipherCount> ctx;
  std::array<bool, kCipherCount> ready{};
};
thread_local ThreadCiphers t_ciphers;

EVP_CIPHER_CTX* keyed(CipherIndex index, bool encrypt, std::string_view key,
                      const unsigned char* iv) noexcept {
  const EVP_CIPHER* c = cipher(index);
  if (c == nullptr || static_cast<std::size_t>(EVP_CIPHER_get_key_length(c)) != key.size()) {
    return nullptr;
  }
  CipherCtxPtr& slot = t_ciphers.ctx[index];
  if (!slot) slot.reset(EVP_CIPHER_CTX_new());
  if (!slot) return nullptr;
  const auto* k = reinterpret_cast<const unsigned char*>(key.data());
  const EVP_CIPHER* which = t_ciphers.ready[index] ? nullptr : c;
  if (EVP_CipherInit_ex2(slot.get(), which, k, iv, encrypt ? 1 : 0, nullptr) != 1) {
    t_ciphers.ready[index] = false;
    slot.reset();
    return nullptr;
  }
  t_ciphers.ready[index] = true;
  return slot.get();
}

CipherIndex gcm_for(std::size_t key_bytes) noexcept {
  return key_bytes == 16 ? kGcm128 : key_bytes == 24 ? kGcm192 : kGcm256;
}
CipherIndex cbc_for(std::size_t key_bytes) noexcept {
  return key_bytes == 16 ? kCbc128 : key_bytes == 24 ? kCbc192 : kCbc256;
}
CipherIndex wrap_for(std::size_t key_bytes) noexcept {
  return key_bytes == 16 ? kWrap128 : key_bytes == 24 ? kWrap192 : kWrap256;
}

const unsigned char* bytes(std::string_view s) noexcept {
  return reinterpret_cast<const unsigned char*>(s.data());
}

bool is_gcm(ContentEncryption enc) noexcept {
  return enc == ContentEncryption::kA128GCM || enc == ContentEncryption::kA192GCM ||
         enc == ContentEncryption::kA256GCM;
}

// ---- AES-GCM ----

bool gcm_encrypt(std::string_view key, std::string_view iv, std::string_view aad,
                 std::string_view plaintext, unsigned char* out, unsigned char* tag) noexcept {
  if (iv.size() != 12) return false;
  EVP_CIPHER_CTX* ctx = keyed(gcm_for(key.size()), true, key, bytes(iv));
  if (ctx == nullptr) return false;
  int len = 0;
  if (!aad.empty() &&
      EVP_EncryptUpdate(ctx, nullptr, &len, bytes(aad), static_cast<int>(aad.size())) != 1) {
    return false;
  }
  if (!plaintext.empty() && EVP_EncryptUpdate(ctx, out, &len, bytes(plaintext),
                                              static_cast<int>(plaintext.size())) != 1) {
    return false;
  }
  int final_len = 0;
  return EVP_EncryptFinal_ex(ctx, out + plaintext.size(), &final_len) == 1 &&
         EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag) == 1;
}

bool gcm_decrypt(std::string_view key, std::string_view iv, std::string_view aad,
                 std::string_view ciphertext, std::string_view tag, unsigned char* out) noexcept {
  // GCM tags are 128 bits in JWE (RFC 7518 §5.3): a shorter tag is a forgery aid.
  if (iv.size() != 12 || tag.size() != 16) return false;
  EVP_CIPHER_CTX* ctx = keyed(gcm_for(key.size()), false, key, bytes(iv));
  if (ctx == nullptr) return false;
  int len = 0;
  if (!aad.empty() &&
      EVP_DecryptUpdate(ctx, nullptr, &len, bytes(aad), static_cast<int>(aad.size())) != 1) {
    return false;
  }
  if (!ciphertext.empty() && EVP_DecryptUpdate(ctx, out, &len, bytes(ciphertext),
                                               static_cast<int>(ciphertext.size())) != 1) {
    return false;
  }
  if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, const_cast<unsigned char*>(bytes(tag))) !=
      1) {
    return false;
  }
  int final_len = 0;
  return EVP_DecryptFinal_ex(ctx, out + ciphertext.size(), &final_len) == 1;
}

// ---- AES-CBC-HMAC-SHA-2 (RFC 7518 §5.2) ----

const char* cbc_digest(ContentEncryption enc) noexcept {
  return enc == ContentEncryption::kA128CbcHs256   ? "SHA256"
         : enc == ContentEncryption::kA192CbcHs384 ? "SHA384"
                                                   : "SHA512";
}

EVP_MAC* hmac() noexcept {
  static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  return mac;
}

using MacPtr = std::unique_ptr<EVP_MAC_CTX, OsslDeleter<EVP_MAC_CTX_free>>;
// One HMAC context per hash and thread, re-keyed per token (MAC_KEY changes with each CEK).
thread_local std::array<MacPtr, 3> t_macs;

// The full HMAC of AAD || IV || C || AL into `out` (EVP_MAX_MD_SIZE); returns its length.
std::size_t cbc_mac(ContentEncryption enc, std::string_view mac_key, std::string_view aad,
                    std::string_view iv, std::string_view ciphertext, unsigned char* out) noexcept {
  const std::size_t index = static_cast<std::size_t>(enc) - 3;
  MacPtr& slot = t_macs[index];
  const OSSL_PARAM* params = nullptr;
  OSSL_PARAM digest[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                                          const_cast<char*>(cbc_digest(enc)), 0),
                         OSSL_PARAM_construct_end()};
  if (!slot) {
    if (hmac() == nullptr) return 0;
    slot.reset(EVP_MAC_CTX_new(hmac()));
    if (!slot) return 0;
    params = digest;
  }
  // AL: the number of bits in AAD as a 64-bit big-endian integer.
  unsigned char al[8];
  const std::uint64_t aad_bits = static_cast<std::uint64_t>(aad.size()) * 8;
  for (int i = 0; i < 8; ++i) al[i] = static_cast<unsigned char>(aad_bits >> (56 - 8 * i));
  std::size_t length = 0;
  if (EVP_MAC_init(slot.get(), bytes(mac_key), mac_key.size(), params) != 1 ||
      EVP_MAC_update(slot.get(), bytes(aad), aad.size()) != 1 ||
      EVP_MAC_update(slot.get(), bytes(iv), iv.size()) != 1 ||
      EVP_MAC_update(slot.get(), bytes(ciphertext), ciphertext.size()) != 1 ||
      EVP_MAC_update(slot.get(), al, sizeof al) != 1 ||
      EVP_MAC_final(slot.get(), out, &length, EVP_MAX_MD_SIZE) != 1) {
    slot.reset();
    return 0;
  }
  return length;
}

bool cbc_encrypt(ContentEncryption enc, std::string_view cek, std::string_view iv,
                 std::string_view aad, std::string_view plaintext, std::string& out,
                 unsigned char* tag) noexcept {
  const std::size_t half = cek.size() / 2;
  const std::string_view mac_key = cek.substr(0, half);
  const std::string_view enc_key = cek.substr(half);
  if (iv.size() != 16) return false;
  EVP_CIPHER_CTX* ctx = keyed(cbc_for(enc_key.size()), true, enc_key, bytes(iv));
  if (ctx == nullptr) return false;
  const std::size_t start = out.size();
  out.resize(start + plaintext.size() + 16);
  auto* dst = reinterpret_cast<unsigned char*>(out.data() + start);
  int len = 0;
  int final_len = 0;
  if ((!plaintext.empty() && EVP_EncryptUpdate(ctx, dst, &len, bytes(plaintext),
                                               static_cast<int>(plaintext.size())) != 1) ||
      EVP_EncryptFinal_ex(ctx, dst + len, &final_len) != 1) {
    return false;
  }
  out.resize(start + static_cast<std::size_t>(len + final_len));
  unsigned char full[EVP_MAX_MD_SIZE];
  const std::size_t mac_len =
      cbc_mac(enc, mac_key, aad, iv, std::string_view(out).substr(start), full);
  if (mac_len == 0) return false;
  // The tag is the first half of the HMAC (T_LEN = the MAC key length).
  for (std::size_t i = 0; i < half; ++i) tag[i] = full[i];
  return true;
}

bool cbc_decrypt(ContentEncryption enc, std::string_view cek, std::string_view iv,
                 std::string_view aad, std::string_view ciphertext, std::string_view tag,
                 std::string& plaintext) noexcept {
  const std::size_t half = cek.size() / 2;
  if (iv.size() != 16 || tag.size() != half || ciphertext.empty() || ciphertext.size() % 16 != 0) {
    return false;
  }
  const std::string_view mac_key = cek.substr(0, half);
  const std::string_view enc_key = cek.substr(half);
  // Authenticate first, in constant time; only an authentic ciphertext is decrypted, so
  // the padding check below can be no oracle.
  unsigned char full[EVP_MAX_MD_SIZE];
  const std::size_t mac_len = cbc_mac(enc, mac_key, aad, iv, ciphertext, full);
  const bool authentic = mac_len >= half && CRYPTO_memcmp(full, tag.data(), half) == 0;
  OPENSSL_cleanse(full, sizeof full);
  if (!authentic) return false;
  EVP_CIPHER_CTX* ctx = keyed(cbc_for(enc_key.size()), false, enc_key, bytes(iv));
  if (ctx == nullptr) return false;
  plaintext.resize(ciphertext.size() + 16);
  auto* dst = reinterpret_cast<unsigned char*>(plaintext.data());
  int len = 0;
  int final_len = 0;
  if (EVP_DecryptUpdate(ctx, dst, &len, bytes(ciphertext), static_cast<int>(ciphertext.size())) !=
          1 ||
      EVP_DecryptFinal_ex(ctx, dst + len, &final_len) != 1) {
    return false;
  }
  plaintext.resize(static_cast<std::size_t>(len + final_len));
  return true;
}

}  // namespace

std::size_t content_iv_bytes(ContentEncryption enc) noexcept {
  return is_gcm(enc) ? 12 : 16;
}

std::size_t content_tag_bytes(ContentEncryption enc) noexcept {
  return is_gcm(enc) ? 16 : content_key_bytes(enc) / 2;
}

bool random_bytes(unsigned char* out, std::size_t size) noexcept {
  return size == 0 || RAND_bytes(out, static_cast<int>(size)) == 1;
}

bool content_encrypt(ContentEncryption enc, std::string_view cek, std::string_view iv,
                     std::string_view aad, std::string_view plaintext, std::string& out,
                     unsigned char* tag) noexcept {
  if (cek.size() != content_key_bytes(enc)) return false;
  if (!is_gcm(enc)) return cbc_encrypt(enc, cek, iv, aad, plaintext, out, tag);
  const std::size_t start = out.size();
  out.resize(start + plaintext.size());
  return gcm_encrypt(cek, iv, aad, plaintext, reinterpret_cast<unsigned char*>(out.data() + start),
                     tag);
}

bool content_decrypt(ContentEncryption enc, std::string_view cek, std::string_view iv,
                     std::string_view aad, std::string_view ciphertext, std::string_view tag,
                     std::string& plaintext) noexcept {
  bool ok = false;
  if (cek.size() == content_key_bytes(enc)) {
    if (is_gcm(enc)) {
      plaintext.resize(ciphertext.size());
      ok = gcm_decrypt(cek, iv, aad, ciphertext, tag,
                       reinterpret_cast<unsigned char*>(plaintext.data()));
    } else {
      ok = cbc_decrypt(enc, cek, iv, aad, ciphertext, tag, plaintext);
    }
  }
  if (!ok) {
    // GCM wrote unauthenticated plaintext into the buffer before the tag check failed.
    if (!plaintext.empty()) OPENSSL_cleanse(plaintext.data(), plaintext.size());
    plaintext.clear();
    ossl_clear_errors();
  }
  return ok;
}

// ---- Key wraps ----

bool aes_kw_wrap(std::string_view kek, std::string_view key, unsigned char* out) noexcept {
  if (key.size() < 16 || key.size() % 8 != 0) return false;
  EVP_CIPHER_CTX* ctx = keyed(wrap_for(kek.size()), true, kek, nullptr);
  int len = 0;
  int final_len = 0;
  return ctx != nullptr &&
         EVP_EncryptUpdate(ctx, out, &len, bytes(key), static_cast<int>(key.size())) == 1 &&
         EVP_EncryptFinal_ex(ctx, out + len, &final_len) == 1 &&
         static_cast<std::size_t>(len + final_len) == key.size() + 8;
}

bool aes_kw_unwrap(std::string_view kek, std::string_view wrapped, unsigned char* out) noexcept {
  if (wrapped.size() < 24 || wrapped.size() % 8 != 0) return false;
  EVP_CIPHER_CTX* ctx = keyed(wrap_for(kek.size()), false, kek, nullptr);
  int len = 0;
  int final_len = 0;
  // OpenSSL checks the RFC 3394 integrity value and fails the update when it differs.
  const bool ok =
      ctx != nullptr &&
      EVP_DecryptUpdate(ctx, out, &len, bytes(wrapped), static_cast<int>(wrapped.size())) == 1 &&
      EVP_DecryptFinal_ex(ctx, out + len, &final_len) == 1 &&
      static_cast<std::size_t>(len + final_len) == wrapped.size() - 8;
  if (!ok) {
    OPENSSL_cleanse(out, wrapped.size() - 8);
    ossl_clear_errors();
  }
  return ok;
}

bool aes_gcm_wrap(std::string_view kek, std::string_view iv, std::string_view key,
                  unsigned char* out, unsigned char* tag) noexcept {
  return gcm_encrypt(kek, iv, {}, key, out, tag);
}

bool aes_gcm_unwrap(std::string_view kek, std::string_view iv, std::string_view wrapped,
                    std::string_view tag, unsigned char* out) noexcept {
  const bool ok = gcm_decrypt(kek, iv, {}, wrapped, tag, out);
  if (!ok) {
    OPENSSL_cleanse(out, wrapped.size());
    ossl_clear_errors();
  }
  return ok;
}

}  // namespace jot::detail
