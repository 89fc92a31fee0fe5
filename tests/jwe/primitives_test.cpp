// The JWE primitives against Wycheproof, read in place: AES-GCM (aes_gcm_test.json),
// AES-CBC-HMAC-SHA-2 (a*cbc_hs*_test.json), AES Key Wrap (aes_wrap_test.json), RSAES-OAEP
// (rsa_oaep_*), ECDH on JWK public keys (ecdh_*_webcrypto_test.json) and X25519
// (x25519_jwk_test.json). Each file must contribute its vectors: a missing or empty file
// fails.

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

#include "jot/key.hpp"
#include "keys/jwe_crypto.hpp"
#include "support/key_internals.hpp"
#include "support/vectors.hpp"

namespace {

namespace json = boost::json;
using jot::ContentEncryption;
using jot_test::hex_decode;

std::string str(const json::value& v) {
  return std::string(v.as_string());
}

std::string field(const json::object& t, const char* name) {
  return hex_decode(str(t.at(name)));
}

const json::value& load(const char* file) {
  static std::map<std::string, json::value> cache;
  auto it = cache.find(file);
  if (it == cache.end()) {
    it = cache
             .emplace(file,
                      jot_test::load_json(std::string("vectors/wycheproof/testvectors_v1/") + file))
             .first;
  }
  return it->second;
}

TEST(JwePrimitives, AesGcmWycheproof) {
  int checked = 0;
  for (const json::value& group : load("aes_gcm_test.json").at("testGroups").as_array()) {
    const json::object& g = group.as_object();
    const auto key_bits = g.at("keySize").to_number<int>();
    const bool jwe_shape =
        g.at("ivSize").to_number<int>() == 96 && g.at("tagSize").to_number<int>() == 128;
    const ContentEncryption enc = key_bits == 128   ? ContentEncryption::kA128GCM
                                  : key_bits == 192 ? ContentEncryption::kA192GCM
                                                    : ContentEncryption::kA256GCM;
    if (key_bits != 128 && key_bits != 192 && key_bits != 256) continue;
    for (const json::value& test : g.at("tests").as_array()) {
      const json::object& t = test.as_object();
      SCOPED_TRACE("tcId " + std::to_string(t.at("tcId").to_number<int>()));
      const std::string key = field(t, "key"), iv = field(t, "iv"), aad = field(t, "aad"),
                        msg = field(t, "msg"), ct = field(t, "ct"), tag = field(t, "tag");
      const bool valid = str(t.at("result")) == "valid";
      std::string plaintext;
      const bool ok = jot::detail::content_decrypt(enc, key, iv, aad, ct, tag, plaintext);
      // JWE takes only 96-bit IVs and 128-bit tags: every other shape is refused.
      EXPECT_EQ(ok, valid && jwe_shape);
      if (ok) {
        EXPECT_EQ(plaintext, msg);
        std::string out;
        unsigned char computed[16];
        ASSERT_TRUE(jot::detail::content_encrypt(enc, key, iv, aad, msg, out, computed));
        EXPECT_EQ(out, ct);
        EXPECT_EQ(std::string(reinterpret_cast<char*>(computed), 16), tag);
      } else {
        EXPECT_TRUE(plaintext.empty());
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 200);
}

TEST(JwePrimitives, AesCbcHmacWycheproof) {
  const std::pair<const char*, ContentEncryption> files[] = {
      {"a128cbc_hs256_test.json", ContentEncryption::kA128CbcHs256},
      {"a192cbc_hs384_test.json", ContentEncryption::kA192CbcHs384},
      {"a256cbc_hs512_test.json", ContentEncryption::kA256CbcHs512}};
  for (const auto& [file, enc] : files) {
    int checked = 0;
    for (const json::value& group : load(file).at("testGroups").as_array()) {
      for (const json::value& test : group.at("tests").as_array()) {
        const json::object& t = test.as_object();
        SCOPED_TRACE(std::string(file) + " tcId " + std::to_string(t.at("tcId").to_number<int>()));
        const std::string key = field(t, "key"), iv = field(t, "iv"), aad = field(t, "aad"),
                          msg = field(t, "msg"), ct = field(t, "ct"), tag = field(t, "tag");
        const bool valid = str(t.at("result")) == "valid";
        std::string plaintext;
        const bool ok = jot::detail::content_decrypt(enc, key, iv, aad, ct, tag, plaintext);
        EXPECT_EQ(ok, valid);
        if (valid) {
          EXPECT_EQ(plaintext, msg);
          std::string out;
          unsigned char computed[32];
          ASSERT_TRUE(jot::detail::content_encrypt(enc, key, iv, aad, msg, out, computed));
          EXPECT_EQ(out, ct);
          EXPECT_EQ(std::string(reinterpret_cast<char*>(computed), tag.size()), tag);
        }
        ++checked;
      }
    }
    EXPECT_GT(checked, 80) << file;
  }
}

TEST(JwePrimitives, AesKeyWrapWycheproof) {
  int checked = 0;
  for (const json::value& group : load("aes_wrap_test.json").at("testGroups").as_array()) {
    for (const json::value& test : group.at("tests").as_array()) {
      const json::object& t = test.as_object();
      SCOPED_TRACE("tcId " + std::to_string(t.at("tcId").to_number<int>()));
      const std::string kek = field(t, "key"), msg = field(t, "msg"), ct = field(t, "ct");
      const std::string result = str(t.at("result"));
      std::string out(ct.size() >= 8 ? ct.size() - 8 : 0, '\0');
      const bool ok = ct.size() >= 8 && jot::detail::aes_kw_unwrap(
                                            kek, ct, reinterpret_cast<unsigned char*>(out.data()));
      if (result == "valid") {
        EXPECT_TRUE(ok);
        EXPECT_EQ(out, msg);
        std::string wrapped(msg.size() + 8, '\0');
        ASSERT_TRUE(
            jot::detail::aes_kw_wrap(kek, msg, reinterpret_cast<unsigned char*>(wrapped.data())));
        EXPECT_EQ(wrapped, ct);
      } else if (result == "invalid") {
        EXPECT_FALSE(ok);
      } else {
        // Wrapping an 8-byte key: JWE content keys are at least 16 bytes, so jot refuses.
        EXPECT_FALSE(ok);
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 150);
}

TEST(JwePrimitives, RsaOaepWycheproof) {
  const std::pair<const char*, jot::KeyManagement> files[] = {
      {"rsa_oaep_2048_sha1_mgf1sha1_test.json", jot::KeyManagement::kRsaOaep},
      {"rsa_oaep_2048_sha256_mgf1sha256_test.json", jot::KeyManagement::kRsaOaep256},
      {"rsa_oaep_3072_sha256_mgf1sha256_test.json", jot::KeyManagement::kRsaOaep256},
      {"rsa_oaep_4096_sha256_mgf1sha256_test.json", jot::KeyManagement::kRsaOaep256}};
  for (const auto& [file, alg] : files) {
    int checked = 0;
    for (const json::value& group : load(file).at("testGroups").as_array()) {
      const jot::Key key = jot::Key::from_pem(str(group.at("privateKeyPem"))).value();
      for (const json::value& test : group.at("tests").as_array()) {
        const json::object& t = test.as_object();
        SCOPED_TRACE(std::string(file) + " tcId " + std::to_string(t.at("tcId").to_number<int>()));
        // JWE uses no OAEP label: vectors encrypted with one cannot be JWE keys.
        if (!str(t.at("label")).empty()) continue;
        std::string out;
        const bool ok = jot::detail::rsa_decrypt(jot_test::key_data(key), alg, field(t, "ct"), out);
        EXPECT_EQ(ok, str(t.at("result")) == "valid");
        if (ok) {
          EXPECT_EQ(out, field(t, "msg"));
        }
        ++checked;
      }
    }
    EXPECT_GT(checked, 20) << file;
  }
}

// ECDH with the peer key as a JWK, as an "epk" arrives: invalid points, points of another
// curve and malformed keys must never yield a shared secret.
TEST(JwePrimitives, EcdhJwkWycheproof) {
  for (const char* file :
       {"ecdh_secp256r1_webcrypto_test.json", "ecdh_secp384r1_webcrypto_test.json",
        "ecdh_secp521r1_webcrypto_test.json", "x25519_jwk_test.json"}) {
    int checked = 0;
    int refused = 0;
    for (const json::value& group : load(file).at("testGroups").as_array()) {
      for (const json::value& test : group.at("tests").as_array()) {
        const json::object& t = test.as_object();
        SCOPED_TRACE(std::string(file) + " tcId " + std::to_string(t.at("tcId").to_number<int>()));
        const std::string result = str(t.at("result"));
        auto priv = jot::Key::from_jwk(json::serialize(t.at("private")));
        auto peer = jot::Key::from_jwk(json::serialize(t.at("public")));
        std::optional<std::string> shared;
        if (priv && peer && peer->curve() == priv->curve() && peer->type() == priv->type()) {
          auto z =
              jot::detail::ecdh_shared_secret(jot_test::pkey_of(*priv), jot_test::pkey_of(*peer));
          if (z) shared = *z;
        }
        const std::string expected = hex_decode(str(t.at("shared")));
        if (result == "valid") {
          ASSERT_TRUE(shared.has_value());
          EXPECT_EQ(*shared, expected);
        } else if (result == "invalid") {
          EXPECT_FALSE(shared.has_value());
        } else if (expected.find_first_not_of('\0') == std::string::npos) {
          // "acceptable" low-order X25519 peers: an all-zero secret is always refused.
          EXPECT_FALSE(shared.has_value());
        } else if (shared) {
          EXPECT_EQ(*shared, expected);
        }
        if (!shared) ++refused;
        ++checked;
      }
    }
    EXPECT_GT(checked, 250) << file;
    EXPECT_GT(refused, 10) << file;
  }
}

}  // namespace
