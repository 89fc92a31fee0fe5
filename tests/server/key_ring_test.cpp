// Which key signs, which verify, what the JWKS publishes.

#include "auth/key_ring.hpp"

#include <gtest/gtest.h>

#include "jot/json_object.hpp"
#include "jot/key.hpp"

namespace jot::server {
namespace {

Key generate(Algorithm alg) {
  auto key = Key::generate(alg);
  EXPECT_TRUE(key) << key.error().message();
  return *key;
}

TEST(KeyRing, TheLastKeySignsAndEveryKeyGetsAThumbprintKid) {
  const Key old_key = generate(Algorithm::kES256);
  const Key new_key = generate(Algorithm::kEdDSA);
  auto ring = KeyRing::from_keys({old_key, new_key}, std::nullopt);
  ASSERT_TRUE(ring) << ring.error().message();
  EXPECT_EQ(ring->signing_algorithm(), Algorithm::kEdDSA);
  EXPECT_EQ(ring->signing_key().kid(), *new_key.thumbprint());
  ASSERT_EQ(ring->verification_keys().keys().size(), 2u);
  EXPECT_EQ(ring->verification_keys().keys()[0].kid(), *old_key.thumbprint());
  EXPECT_EQ(ring->allowed_algorithms(),
            (std::vector<Algorithm>{Algorithm::kES256, Algorithm::kEdDSA}));
}

TEST(KeyRing, JwksHasPublicKeysOnly) {
  auto ring =
      KeyRing::from_keys({generate(Algorithm::kES256), generate(Algorithm::kRS256)}, std::nullopt);
  ASSERT_TRUE(ring) << ring.error().message();
  auto set = KeySet::from_jwks(ring->jwks_json());
  ASSERT_TRUE(set) << set.error().message();
  ASSERT_EQ(set->keys().size(), 2u);
  for (const auto& k : set->keys()) {
    EXPECT_FALSE(k.has_private());
    EXPECT_FALSE(k.kid().empty());
  }
  EXPECT_EQ(ring->jwks_json().find("\"d\""), std::string::npos);
}

TEST(KeyRing, HmacSecretsAreNeverPublished) {
  auto secret = Key::from_secret(std::string(32, 'k'));
  ASSERT_TRUE(secret);
  auto ring = KeyRing::from_keys({*secret}, std::nullopt);
  ASSERT_TRUE(ring) << ring.error().message();
  EXPECT_EQ(ring->signing_algorithm(), Algorithm::kHS256);
  EXPECT_EQ(ring->jwks_json(), R"({"keys":[]})");
  EXPECT_TRUE(ring->signing_key().kid().empty());
}

TEST(KeyRing, RefusesAnAlgorithmTheSigningKeyCannotDo) {
  auto ring = KeyRing::from_keys({generate(Algorithm::kES256)}, Algorithm::kRS256);
  EXPECT_FALSE(ring);
}

TEST(KeyRing, RefusesDuplicateKids) {
  const Key k = generate(Algorithm::kES256);
  EXPECT_FALSE(KeyRing::from_keys({k, k}, std::nullopt));
}

TEST(KeyRing, LoadWithoutConfigurationGeneratesAnEphemeralKey) {
  ServeOptions options;
  auto ring = KeyRing::load(options);
  ASSERT_TRUE(ring) << ring.error().message();
  EXPECT_EQ(ring->signing_algorithm(), Algorithm::kES256);
  EXPECT_NE(ring->description().find("EPHEMERAL"), std::string::npos);
  auto second = KeyRing::load(options);
  ASSERT_TRUE(second);
  EXPECT_NE(ring->signing_key().kid(), second->signing_key().kid());
}

TEST(KeyRing, LoadRefusesWeakSecretsAndUnknownAlgorithms) {
  ServeOptions weak;
  weak.secret = "mysecret";
  EXPECT_FALSE(KeyRing::load(weak));
  ServeOptions bad_alg;
  bad_alg.alg = "none";
  EXPECT_FALSE(KeyRing::load(bad_alg));
  bad_alg.alg = "HS999";
  EXPECT_FALSE(KeyRing::load(bad_alg));
  ServeOptions missing;
  missing.key_files = {"/nonexistent/key.pem"};
  EXPECT_FALSE(KeyRing::load(missing));
}

}  // namespace
}  // namespace jot::server
