#include "jot/algorithm.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using jot::Algorithm;
using jot::AlgorithmFamily;

TEST(Algorithm, NamesRoundTrip) {
  const auto all = jot::all_algorithms();
  ASSERT_EQ(all.size(), 15U);
  EXPECT_EQ(all.front(), Algorithm::kHS256);
  EXPECT_EQ(all.back(), Algorithm::kNone);
  for (const Algorithm alg : all) {
    const std::string_view name = jot::to_string(alg);
    EXPECT_EQ(jot::algorithm_from_string(name), alg) << name;
  }
}

TEST(Algorithm, ExactJoseNames) {
  const std::pair<Algorithm, const char*> expected[] = {
      {Algorithm::kHS256, "HS256"},   {Algorithm::kHS384, "HS384"}, {Algorithm::kHS512, "HS512"},
      {Algorithm::kRS256, "RS256"},   {Algorithm::kRS384, "RS384"}, {Algorithm::kRS512, "RS512"},
      {Algorithm::kPS256, "PS256"},   {Algorithm::kPS384, "PS384"}, {Algorithm::kPS512, "PS512"},
      {Algorithm::kES256, "ES256"},   {Algorithm::kES384, "ES384"}, {Algorithm::kES512, "ES512"},
      {Algorithm::kES256K, "ES256K"}, {Algorithm::kEdDSA, "EdDSA"}, {Algorithm::kNone, "none"},
  };
  for (const auto& [alg, name] : expected) EXPECT_EQ(jot::to_string(alg), name);
}

TEST(Algorithm, CaseSensitiveAndExact) {
  for (const char* bad : {"hs256", "Hs256", "NONE", "None", "eddsa", "EDDSA", "HS256 ", " HS256",
                          "HS2560", "HS", "", "ES256k", "RSA-OAEP", "Ed25519"}) {
    EXPECT_FALSE(jot::algorithm_from_string(bad).has_value()) << bad;
  }
  EXPECT_FALSE(jot::algorithm_from_string(std::string_view("HS256\0", 6)).has_value());
}

TEST(Algorithm, Families) {
  EXPECT_EQ(jot::family_of(Algorithm::kHS384), AlgorithmFamily::kHmac);
  EXPECT_EQ(jot::family_of(Algorithm::kRS512), AlgorithmFamily::kRsaPkcs1);
  EXPECT_EQ(jot::family_of(Algorithm::kPS256), AlgorithmFamily::kRsaPss);
  EXPECT_EQ(jot::family_of(Algorithm::kES256K), AlgorithmFamily::kEcdsa);
  EXPECT_EQ(jot::family_of(Algorithm::kES512), AlgorithmFamily::kEcdsa);
  EXPECT_EQ(jot::family_of(Algorithm::kEdDSA), AlgorithmFamily::kEdDSA);
  EXPECT_EQ(jot::family_of(Algorithm::kNone), AlgorithmFamily::kNone);
}

TEST(Algorithm, OutOfRangeValuesAreHarmless) {
  const auto bogus = static_cast<Algorithm>(99);
  EXPECT_EQ(jot::to_string(bogus), "unknown");
  EXPECT_EQ(jot::family_of(bogus), AlgorithmFamily::kNone);
}

}  // namespace
