#include "floor.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/rsa.h>

#include <array>
#include <stdexcept>

#include "keys/digests.hpp"

namespace jot::bench {
namespace {

// The algorithm -> digest mapping is the library's own (src/keys/digests.cpp): the floor
// hashes with exactly the digest jot uses.
using detail::digest_name;

class HmacFloor final : public Floor {
 public:
  explicit HmacFloor(const AlgCase& c) {
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    ctx_ = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac);  // the context keeps its own reference
    char* digest = const_cast<char*>(digest_name(c.alg));
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_END};
    if (ctx_ == nullptr ||
        EVP_MAC_init(ctx_, reinterpret_cast<const unsigned char*>(c.secret.data()), c.secret.size(),
                     params) != 1)
      throw std::runtime_error("HMAC floor: EVP_MAC_init failed");
  }
  ~HmacFloor() override { EVP_MAC_CTX_free(ctx_); }
  HmacFloor(const HmacFloor&) = delete;
  HmacFloor& operator=(const HmacFloor&) = delete;

  bool sign(std::string_view input, std::string& signature) override {
    std::size_t size = 0;
    if (!mac(input, size)) return false;
    signature.assign(reinterpret_cast<const char*>(tag_.data()), size);
    return true;
  }

  bool verify(std::string_view input, std::string_view signature) override {
    std::size_t size = 0;
    if (!mac(input, size) || size != signature.size()) return false;
    return CRYPTO_memcmp(tag_.data(), signature.data(), size) == 0;
  }

 private:
  bool mac(std::string_view input, std::size_t& size) {
    // NULL key: keep the key set at construction, reset the state (OpenSSL 3 API).
    return EVP_MAC_init(ctx_, nullptr, 0, nullptr) == 1 &&
           EVP_MAC_update(ctx_, reinterpret_cast<const unsigned char*>(input.data()),
                          input.size()) == 1 &&
           EVP_MAC_final(ctx_, tag_.data(), &size, tag_.size()) == 1;
  }

  EVP_MAC_CTX* ctx_ = nullptr;
  std::array<unsigned char, EVP_MAX_MD_SIZE> tag_{};
};

// RSA (PKCS#1 v1.5 and PSS) and ECDSA: EVP_PKEY_CTXs set up once per operation
// (sign_init/verify_init, padding, digest), then per token only the digest of the input
// (reused EVP_MD_CTX, pre-fetched EVP_MD) and EVP_PKEY_sign/EVP_PKEY_verify on it.
class PrehashFloor final : public Floor {
 public:
  explicit PrehashFloor(const AlgCase& c) : family_(family_of(c.alg)) {
    md_ = EVP_MD_fetch(nullptr, digest_name(c.alg), nullptr);
    md_ctx_ = EVP_MD_CTX_new();
    sign_ = EVP_PKEY_CTX_new_from_pkey(nullptr, c.pkey.get(), nullptr);
    verify_ = EVP_PKEY_CTX_new_from_pkey(nullptr, c.pkey.get(), nullptr);
    if (md_ == nullptr || md_ctx_ == nullptr || sign_ == nullptr || verify_ == nullptr ||
        EVP_PKEY_sign_init(sign_) != 1 || !configure(sign_) || EVP_PKEY_verify_init(verify_) != 1 ||
        !configure(verify_))
      throw std::runtime_error("floor: preparing the EVP_PKEY_CTX failed");
  }
  ~PrehashFloor() override {
    EVP_PKEY_CTX_free(verify_);
    EVP_PKEY_CTX_free(sign_);
    EVP_MD_CTX_free(md_ctx_);
    EVP_MD_free(md_);
  }
  PrehashFloor(const PrehashFloor&) = delete;
  PrehashFloor& operator=(const PrehashFloor&) = delete;

  bool sign(std::string_view input, std::string& signature) override {
    unsigned int digest_size = 0;
    std::size_t size = sizeof buffer_;
    if (!digest(input, digest_size) ||
        EVP_PKEY_sign(sign_, buffer_, &size, digest_, digest_size) != 1)
      return false;
    signature.assign(reinterpret_cast<const char*>(buffer_), size);
    return true;
  }

  bool verify(std::string_view input, std::string_view signature) override {
    unsigned int digest_size = 0;
    return digest(input, digest_size) &&
           EVP_PKEY_verify(verify_, reinterpret_cast<const unsigned char*>(signature.data()),
                           signature.size(), digest_, digest_size) == 1;
  }

 private:
  bool configure(EVP_PKEY_CTX* ctx) {
    if (EVP_PKEY_CTX_set_signature_md(ctx, md_) != 1) return false;
    if (family_ == AlgorithmFamily::kRsaPkcs1)
      return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1;
    if (family_ == AlgorithmFamily::kRsaPss)  // RFC 7518 §3.5: MGF1 same hash, salt = hash
      return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) == 1 &&
             EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md_) == 1 &&
             EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_DIGEST) == 1;
    return true;  // ECDSA
  }

  bool digest(std::string_view input, unsigned int& size) {
    return EVP_DigestInit_ex2(md_ctx_, md_, nullptr) == 1 &&
           EVP_DigestUpdate(md_ctx_, input.data(), input.size()) == 1 &&
           EVP_DigestFinal_ex(md_ctx_, digest_, &size) == 1;
  }

  AlgorithmFamily family_;
  EVP_MD* md_ = nullptr;
  EVP_MD_CTX* md_ctx_ = nullptr;
  EVP_PKEY_CTX* sign_ = nullptr;
  EVP_PKEY_CTX* verify_ = nullptr;
  unsigned char digest_[EVP_MAX_MD_SIZE]{};
  unsigned char buffer_[1024]{};  // larger than any signature here (RSA 2048: 256 bytes)
};

// EdDSA hashes the message itself (no prehash, RFC 8032): one-shot EVP_DigestSign/Verify
// with the pre-parsed key on one reused EVP_MD_CTX.
class EdDsaFloor final : public Floor {
 public:
  explicit EdDsaFloor(const AlgCase& c) : pkey_(c.pkey.get()), ctx_(EVP_MD_CTX_new()) {
    if (ctx_ == nullptr) throw std::runtime_error("floor: EVP_MD_CTX_new failed");
  }
  ~EdDsaFloor() override { EVP_MD_CTX_free(ctx_); }
  EdDsaFloor(const EdDsaFloor&) = delete;
  EdDsaFloor& operator=(const EdDsaFloor&) = delete;

  bool sign(std::string_view input, std::string& signature) override {
    std::size_t size = sizeof buffer_;
    EVP_MD_CTX_reset(ctx_);  // keeps the allocation, frees the previous operation's state
    if (EVP_DigestSignInit_ex(ctx_, nullptr, nullptr, nullptr, nullptr, pkey_, nullptr) != 1 ||
        EVP_DigestSign(ctx_, buffer_, &size, reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) != 1)
      return false;
    signature.assign(reinterpret_cast<const char*>(buffer_), size);
    return true;
  }

  bool verify(std::string_view input, std::string_view signature) override {
    EVP_MD_CTX_reset(ctx_);
    return EVP_DigestVerifyInit_ex(ctx_, nullptr, nullptr, nullptr, nullptr, pkey_, nullptr) == 1 &&
           EVP_DigestVerify(ctx_, reinterpret_cast<const unsigned char*>(signature.data()),
                            signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                            input.size()) == 1;
  }

 private:
  EVP_PKEY* pkey_;
  EVP_MD_CTX* ctx_;
  unsigned char buffer_[256]{};  // Ed448 signatures are 114 bytes
};

}  // namespace

std::unique_ptr<Floor> make_floor(const AlgCase& c) {
  switch (family_of(c.alg)) {
    case AlgorithmFamily::kHmac:
      return std::make_unique<HmacFloor>(c);
    case AlgorithmFamily::kEdDSA:
      return std::make_unique<EdDsaFloor>(c);
    default:
      return std::make_unique<PrehashFloor>(c);
  }
}

}  // namespace jot::bench
