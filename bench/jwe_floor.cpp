#include "jwe_floor.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include <cstdint>

namespace jot::bench {
namespace {

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// AES-256-GCM decrypt on one context. With `key` empty the key given per call is used.
class Gcm {
 public:
  Gcm() : ctx_(EVP_CIPHER_CTX_new()), cipher_(EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr)) {}
  ~Gcm() {
    EVP_CIPHER_CTX_free(ctx_);
    EVP_CIPHER_free(cipher_);
  }
  Gcm(const Gcm&) = delete;
  Gcm& operator=(const Gcm&) = delete;

  bool set_key(std::string_view key) {
    return key.size() == 32 &&
           EVP_DecryptInit_ex2(ctx_, cipher_, bytes(key), nullptr, nullptr) == 1;
  }
  // `key` null: the key set by set_key().
  bool decrypt(const unsigned char* key, const JweParts& p, std::string& out) {
    if (p.iv.size() != 12 || p.tag.size() != 16) return false;
    if (EVP_DecryptInit_ex2(ctx_, key != nullptr ? cipher_ : nullptr, key, bytes(p.iv), nullptr) !=
        1) {
      return false;
    }
    int len = 0;
    if (EVP_DecryptUpdate(ctx_, nullptr, &len, bytes(p.aad), static_cast<int>(p.aad.size())) != 1) {
      return false;
    }
    out.resize(p.ciphertext.size());
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    if (EVP_DecryptUpdate(ctx_, o, &len, bytes(p.ciphertext),
                          static_cast<int>(p.ciphertext.size())) != 1) {
      return false;
    }
    if (EVP_CIPHER_CTX_ctrl(ctx_, EVP_CTRL_GCM_SET_TAG, 16, const_cast<char*>(p.tag.data())) != 1) {
      return false;
    }
    int tail = 0;
    return EVP_DecryptFinal_ex(ctx_, o + len, &tail) == 1;
  }

 private:
  EVP_CIPHER_CTX* ctx_;
  EVP_CIPHER* cipher_;
};

class DirFloor final : public JweFloor {
 public:
  explicit DirFloor(std::string_view key) { ok_ = gcm_.set_key(key); }
  bool decrypt(const JweParts& parts, std::string& out) override {
    return ok_ && gcm_.decrypt(nullptr, parts, out);
  }

 private:
  Gcm gcm_;
  bool ok_ = false;
};

class EcdhFloor final : public JweFloor {
 public:
  explicit EcdhFloor(EVP_PKEY* recipient)
      : derive_(EVP_PKEY_CTX_new_from_pkey(nullptr, recipient, nullptr)),
        import_(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr)),
        md_ctx_(EVP_MD_CTX_new()),
        sha256_(EVP_MD_fetch(nullptr, "SHA256", nullptr)) {
    ok_ = derive_ != nullptr && import_ != nullptr && EVP_PKEY_derive_init(derive_) == 1 &&
          EVP_PKEY_fromdata_init(import_) == 1;
  }
  ~EcdhFloor() override {
    EVP_PKEY_CTX_free(derive_);
    EVP_PKEY_CTX_free(import_);
    EVP_MD_CTX_free(md_ctx_);
    EVP_MD_free(sha256_);
  }
  EcdhFloor(const EcdhFloor&) = delete;
  EcdhFloor& operator=(const EcdhFloor&) = delete;

  bool decrypt(const JweParts& p, std::string& out) override {
    if (!ok_) return false;
    char group[] = "prime256v1";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
        OSSL_PARAM_construct_octet_string(
            OSSL_PKEY_PARAM_PUB_KEY, const_cast<char*>(p.epk_point.data()), p.epk_point.size()),
        OSSL_PARAM_construct_end()};
    EVP_PKEY* peer = nullptr;
    if (EVP_PKEY_fromdata(import_, &peer, EVP_PKEY_PUBLIC_KEY, params) != 1) return false;
    unsigned char z[32];
    std::size_t z_len = sizeof z;
    const bool derived = EVP_PKEY_derive_set_peer_ex(derive_, peer, 1) == 1 &&
                         EVP_PKEY_derive(derive_, z, &z_len) == 1 && z_len == sizeof z;
    EVP_PKEY_free(peer);
    if (!derived) return false;
    // Concat KDF, one round: counter || Z || AlgorithmID ("A256GCM") || PartyUInfo ||
    // PartyVInfo (both empty) || SuppPubInfo (256 bits).
    static constexpr unsigned char kCounter[4] = {0, 0, 0, 1};
    static constexpr unsigned char kOther[] = {0, 0, 0, 7, 'A', '2', '5', '6', 'G', 'C', 'M', 0,
                                               0, 0, 0, 0, 0,   0,   0,   0,   0,   1,   0};
    unsigned char cek[32];
    unsigned int cek_len = 0;
    if (EVP_DigestInit_ex2(md_ctx_, sha256_, nullptr) != 1 ||
        EVP_DigestUpdate(md_ctx_, kCounter, sizeof kCounter) != 1 ||
        EVP_DigestUpdate(md_ctx_, z, z_len) != 1 ||
        EVP_DigestUpdate(md_ctx_, kOther, sizeof kOther) != 1 ||
        EVP_DigestFinal_ex(md_ctx_, cek, &cek_len) != 1) {
      return false;
    }
    const bool ok = gcm_.decrypt(cek, p, out);
    OPENSSL_cleanse(cek, sizeof cek);
    OPENSSL_cleanse(z, sizeof z);
    return ok;
  }

 private:
  EVP_PKEY_CTX* derive_;
  EVP_PKEY_CTX* import_;
  EVP_MD_CTX* md_ctx_;
  EVP_MD* sha256_;
  Gcm gcm_;
  bool ok_ = false;
};

class RsaOaepFloor final : public JweFloor {
 public:
  explicit RsaOaepFloor(EVP_PKEY* recipient)
      : ctx_(EVP_PKEY_CTX_new_from_pkey(nullptr, recipient, nullptr)) {
    ok_ = ctx_ != nullptr && EVP_PKEY_decrypt_init(ctx_) == 1 &&
          EVP_PKEY_CTX_set_rsa_padding(ctx_, RSA_PKCS1_OAEP_PADDING) == 1 &&
          EVP_PKEY_CTX_set_rsa_oaep_md_name(ctx_, "SHA256", nullptr) == 1 &&
          EVP_PKEY_CTX_set_rsa_mgf1_md_name(ctx_, "SHA256", nullptr) == 1;
  }
  ~RsaOaepFloor() override { EVP_PKEY_CTX_free(ctx_); }
  RsaOaepFloor(const RsaOaepFloor&) = delete;
  RsaOaepFloor& operator=(const RsaOaepFloor&) = delete;

  bool decrypt(const JweParts& p, std::string& out) override {
    if (!ok_) return false;
    unsigned char cek[512];
    std::size_t cek_len = sizeof cek;
    if (EVP_PKEY_decrypt(ctx_, cek, &cek_len, bytes(p.encrypted_key), p.encrypted_key.size()) !=
            1 ||
        cek_len != 32) {
      return false;
    }
    const bool ok = gcm_.decrypt(cek, p, out);
    OPENSSL_cleanse(cek, cek_len);
    return ok;
  }

 private:
  EVP_PKEY_CTX* ctx_;
  Gcm gcm_;
  bool ok_ = false;
};

}  // namespace

std::unique_ptr<JweFloor> make_dir_a256gcm_floor(std::string_view key) {
  return std::make_unique<DirFloor>(key);
}
std::unique_ptr<JweFloor> make_ecdh_es_p256_floor(EVP_PKEY* recipient) {
  return std::make_unique<EcdhFloor>(recipient);
}
std::unique_ptr<JweFloor> make_rsa_oaep256_floor(EVP_PKEY* recipient) {
  return std::make_unique<RsaOaepFloor>(recipient);
}

}  // namespace jot::bench
