// Header parameters and NumericDates have their RFC types (issue: hardening, round two):
// kid/typ/cty are strings when present (RFC 7515 §4.1), a kid that matches nothing is never
// replaced by a choice by algorithm, zip is not a JWS parameter (RFC 7516 §4.1.3), exp/nbf/
// iat are >= 0 (RFC 7519 §2), and the clock tolerance is bounded. Every token here is
// correctly signed, so each refusal is the rule's and not the signature's.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "security/attack_helpers.hpp"

namespace {

using jot::Algorithm;
using jot::Errc;
using jot_attack::hs256_forge;
using jot_attack::kPayload;
using jot_attack::signature_only;

const std::string kSecret(32, 's');

const jot::Key& secret_key() {
  static const jot::Key key = jot::Key::from_secret(kSecret).value();
  return key;
}

void expect_error(const jot::Result<jot::VerifiedToken>& result, Errc code, std::string_view about,
                  const std::string& what) {
  ASSERT_FALSE(result) << what;
  EXPECT_EQ(result.error().code(), code) << what << ": " << result.error().message();
  EXPECT_EQ(result.error().subject(), about) << what;
}

// --- kid, typ, cty ------------------------------------------------------------------------

TEST(HeaderTypes, NonStringKidIsMalformedNeverAFallbackToTheAlgorithm) {
  // With a single HS256 key in the set, a kid that is not read as a kid would make the set
  // choose that key by algorithm and the token would pass.
  const jot::KeySet set({secret_key().with_kid("k1")});
  for (const char* kid : {"1", "null", "true", "{}", "[\"k1\"]", "1.5"}) {
    const std::string token =
        hs256_forge(std::string(R"({"alg":"HS256","kid":)") + kid + "}", kPayload, kSecret);
    expect_error(jot::try_verify(token, set, signature_only()), Errc::kMalformed, "kid", kid);
    expect_error(jot::try_verify(token, secret_key(), signature_only()), Errc::kMalformed, "kid",
                 kid);
  }
}

TEST(HeaderTypes, NonStringTypOrCtyIsMalformed) {
  for (const char* header : {R"({"alg":"HS256","typ":1})", R"({"alg":"HS256","typ":null})",
                             R"({"alg":"HS256","cty":["JWT"]})", R"({"alg":"HS256","cty":7})"}) {
    const std::string token = hs256_forge(header, kPayload, kSecret);
    const std::string about = std::string(header).find("typ") != std::string::npos ? "typ" : "cty";
    expect_error(jot::try_verify(token, secret_key(), signature_only()), Errc::kMalformed, about,
                 header);
    auto jws = jot::jws::verify(token, secret_key());
    ASSERT_FALSE(jws) << header;
    EXPECT_EQ(jws.error().code(), Errc::kMalformed) << header;
  }
  // String values still pass.
  const std::string fine =
      hs256_forge(R"({"alg":"HS256","typ":"JWT","cty":"x","kid":"k"})", kPayload, kSecret);
  EXPECT_TRUE(jot::try_verify(fine, secret_key(), signature_only()));
}

TEST(HeaderTypes, EmptyKidMatchesNoKey) {
  // "" is a kid like any other: present, it names no key; it is not "no kid".
  const std::string token = hs256_forge(R"({"alg":"HS256","kid":""})", kPayload, kSecret);
  expect_error(jot::try_verify(token, jot::KeySet({secret_key().with_kid("k1")}), signature_only()),
               Errc::kNoMatchingKey, "", "kid \"\" with a kid-ed key");
  // Not even a key that has no kid at all.
  expect_error(jot::try_verify(token, jot::KeySet({secret_key()}), signature_only()),
               Errc::kNoMatchingKey, "", "kid \"\" with a kid-less key");
  // Without a kid, the single compatible key is still chosen.
  const std::string no_kid = hs256_forge(R"({"alg":"HS256"})", kPayload, kSecret);
  EXPECT_TRUE(
      jot::try_verify(no_kid, jot::KeySet({secret_key().with_kid("k1")}), signature_only()));
}

TEST(HeaderTypes, KeySetSelectionTellsAbsentKidFromEmptyKid) {
  const jot::KeySet set({secret_key()});
  EXPECT_TRUE(set.select(std::nullopt, Algorithm::kHS256));
  const auto empty = set.select("", Algorithm::kHS256);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code(), Errc::kNoMatchingKey);
  const auto find = set.find("");
  ASSERT_FALSE(find);
  EXPECT_EQ(find.error().code(), Errc::kNoMatchingKey);
}

TEST(HeaderTypes, ResolverNeverSeesANonStringKid) {
  int calls = 0;
  const jot::KeyResolver resolve = [&](const jot::JsonObject&) -> jot::Result<jot::Key> {
    ++calls;
    return secret_key();
  };
  const std::string token = hs256_forge(R"({"alg":"HS256","kid":42})", kPayload, kSecret);
  expect_error(jot::try_verify(token, resolve, signature_only()), Errc::kMalformed, "kid",
               "resolver");
  EXPECT_EQ(calls, 0);
}

TEST(HeaderTypes, SigningRefusesAHeaderItsVerifyWouldRefuse) {
  for (const char* header : {R"({"alg":"HS256","kid":1})", R"({"alg":"HS256","typ":false})",
                             R"({"alg":"HS256","cty":{}})", R"({"alg":"HS256","zip":"DEF"})"}) {
    auto jws = jot::jws::sign(header, kPayload, secret_key(), Algorithm::kHS256);
    ASSERT_FALSE(jws) << header;
    EXPECT_EQ(jws.error().code(), Errc::kInvalidOption) << header;
    jot::SignOptions options;
    options.header_json = header;
    auto jwt = jot::try_sign(kPayload, secret_key(), options);
    ASSERT_FALSE(jwt) << header;
    EXPECT_EQ(jwt.error().code(), Errc::kInvalidOption) << header;
  }
}

// --- zip ----------------------------------------------------------------------------------

TEST(HeaderTypes, ZipIsRefusedInAJws) {
  for (const char* zip : {R"("DEF")", R"("")", "null", "1"}) {
    const std::string token =
        hs256_forge(std::string(R"({"alg":"HS256","zip":)") + zip + "}", kPayload, kSecret);
    expect_error(jot::try_verify(token, secret_key(), signature_only()), Errc::kMalformed, "zip",
                 zip);
    auto jws = jot::jws::verify(token, secret_key());
    ASSERT_FALSE(jws) << zip;
    EXPECT_EQ(jws.error().code(), Errc::kMalformed) << zip;
    EXPECT_FALSE(jot::unverified_decode(token)) << zip;
  }
}

// --- NumericDates -------------------------------------------------------------------------

std::string with_claims(const std::string& claims) {
  return hs256_forge(R"({"alg":"HS256"})", "{" + claims + "}", kSecret);
}

TEST(NumericDates, NegativeExpNbfIatAreInvalid) {
  jot::VerifyOptions options = signature_only();
  for (const char* claim : {"exp", "nbf", "iat"}) {
    for (const char* value : {"-1", "-0.5", "-1700000000"}) {
      const std::string token = with_claims(std::string("\"") + claim + "\":" + value);
      const std::string what = std::string(claim) + "=" + value;
      expect_error(jot::try_verify(token, secret_key(), options), Errc::kClaimInvalid, claim, what);
    }
  }
  // Also when the check that reads the claim is switched off: the type rule stays.
  options.ignore_expiration = true;
  options.ignore_not_before = true;
  expect_error(jot::try_verify(with_claims(R"("exp":-1)"), secret_key(), options),
               Errc::kClaimInvalid, "exp", "ignored exp");
  expect_error(jot::try_verify(with_claims(R"("nbf":-1)"), secret_key(), options),
               Errc::kClaimInvalid, "nbf", "ignored nbf");
  // The epoch itself is a NumericDate (and -0 is 0).
  EXPECT_TRUE(jot::try_verify(with_claims(R"("nbf":0,"iat":0)"), secret_key(), signature_only()));
  EXPECT_TRUE(jot::try_verify(with_claims(R"("nbf":-0.0)"), secret_key(), signature_only()));
}

TEST(NumericDates, ClockToleranceIsBoundedUnlessExplicitlyAllowed) {
  // Expired a day before "now".
  const std::string token = with_claims(R"("exp":1699913600)");
  jot::VerifyOptions options = signature_only();
  options.clock_tolerance = jot::kMaxClockTolerance;
  expect_error(jot::try_verify(token, secret_key(), options), Errc::kExpired, "exp", "300 s");
  options.clock_tolerance = jot::kMaxClockTolerance + 1;
  expect_error(jot::try_verify(token, secret_key(), options), Errc::kInvalidOption,
               "clockTolerance", "301 s");
  options.clock_tolerance = 86400 + 60;  // a day and a minute: this token then passes
  expect_error(jot::try_verify(token, secret_key(), options), Errc::kInvalidOption,
               "clockTolerance", "a day");
  options.insecure_allow_long_clock_tolerance = true;
  EXPECT_TRUE(jot::try_verify(token, secret_key(), options));
}

}  // namespace
