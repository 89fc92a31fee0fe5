#include "floor.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/rsa.h>

#include <array>
#include <stdexcept>

namespace jot::bench {
namespace {

const char* digest_name(Algorithm alg) {
  switch (alg) {
    case Algorithm::kHS256:
    case Algorithm::kRS256:
    case Algorithm::kPS256:
    case Algorithm::kES256:
    case Algorithm::kES256K:
      return "SHA256";
    case Algorithm::kHS384:
    case Algorithm::kRS384:
    case Algorithm::kPS384:
    case Algorithm::kES384:
      return "SHA384";
    case Algorithm::kHS512:
    case Algorithm::kRS512:
    case Algorithm::kPS512:
    case Algorithm::kES512:
      return "SHA512";
    default:
      return nullptr;  // EdDSA hashes internally
  }
}

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

class PkeyFloor final : public Floor {
 public:
  explicit PkeyFloor(const AlgCase& c) : pkey_(c.pkey.get()), family_(family_of(c.alg)) {
    if (const char* name = digest_name(c.alg); name != nullptr) {
      md_ = EVP_MD_fetch(nullptr, name, nullptr);
      if (md_ == nullptr) throw std::runtime_error("floor: EVP_MD_fetch failed");
    }
    ctx_ = EVP_MD_CTX_new();
    if (ctx_ == nullptr) throw std::runtime_error("floor: EVP_MD_CTX_new failed");
  }
  ~PkeyFloor() override {
    EVP_MD_CTX_free(ctx_);
    EVP_MD_free(md_);
  }
  PkeyFloor(const PkeyFloor&) = delete;
  PkeyFloor& operator=(const PkeyFloor&) = delete;

  bool sign(std::string_view input, std::string& signature) override {
    EVP_PKEY_CTX* pctx = nullptr;
    EVP_MD_CTX_reset(ctx_);  // keeps the allocation; frees the previous operation's state
    if (EVP_DigestSignInit(ctx_, &pctx, md_, nullptr, pkey_) != 1 || !set_padding(pctx))
      return false;
    std::size_t size = sizeof buffer_;
    if (EVP_DigestSign(ctx_, buffer_, &size, reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) != 1)
      return false;
    signature.assign(reinterpret_cast<const char*>(buffer_), size);
    return true;
  }

  bool verify(std::string_view input, std::string_view signature) override {
    EVP_PKEY_CTX* pctx = nullptr;
    EVP_MD_CTX_reset(ctx_);
    if (EVP_DigestVerifyInit(ctx_, &pctx, md_, nullptr, pkey_) != 1 || !set_padding(pctx))
      return false;
    return EVP_DigestVerify(ctx_, reinterpret_cast<const unsigned char*>(signature.data()),
                            signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                            input.size()) == 1;
  }

 private:
  bool set_padding(EVP_PKEY_CTX* pctx) {
    if (family_ != AlgorithmFamily::kRsaPss) return true;
    // RFC 7518 §3.5: MGF1 with the same hash, salt length = hash length.
    return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
           EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1;
  }

  EVP_PKEY* pkey_;
  AlgorithmFamily family_;
  EVP_MD* md_ = nullptr;
  EVP_MD_CTX* ctx_ = nullptr;
  unsigned char buffer_[1024]{};  // larger than any signature here (RSA 2048: 256 bytes)
};

}  // namespace

std::unique_ptr<Floor> make_floor(const AlgCase& c) {
  if (family_of(c.alg) == AlgorithmFamily::kHmac) return std::make_unique<HmacFloor>(c);
  return std::make_unique<PkeyFloor>(c);
}

}  // namespace jot::bench
