// Wycheproof json_web_key_test.json (read in place from ../shared/vectors/wycheproof), every
// case driven through KeySet::from_jwks and Key::check_verify.
//
// How a case is decided. Each test group holds a private key set and, for most groups, the
// matching public set; each case is a compact JWS. For every set present (public and
// private alike) jot must reach the case's result:
//   1. KeySet::from_jwks(set)              (parse, validation, skipping rules)
//   2. the JWS header's "alg" must name a JWS algorithm jot implements;
//   3. KeySet::select(header kid, alg)     (kid lookup, a non-string kid refused; ambiguity
//                                          is an error)
//   4. Key::check_verify(alg)              (binding and policy)
//   5. the signature must decode (base64url) and jot::verify_raw must accept it.
// The token is accepted only if every step succeeds. "valid" requires acceptance, "invalid"
// requires rejection. The file has no "acceptable" cases; one would be counted as passing
// either way, but reported.

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "jot/base64url.hpp"
#include "jot/key.hpp"
#include "jot/raw_signature.hpp"
#include "support/vectors.hpp"

namespace {

namespace json = boost::json;
using jot::Algorithm;
using jot::Key;
using jot::KeySet;

// Why a token was rejected ("" when it was accepted), for failure messages.
std::string decide(const json::value& set, const std::string& jws) {
  const jot::Result<KeySet> keys = KeySet::from_jwks(json::serialize(set));
  if (!keys) return "from_jwks: " + std::string(keys.error().message());
  const std::size_t dot1 = jws.find('.');
  const std::size_t dot2 = jws.rfind('.');
  if (dot1 == std::string::npos || dot1 == dot2) return "not a compact JWS";
  const jot::Result<std::string> header_text = jot::base64url::decode(jws.substr(0, dot1));
  if (!header_text) return "header is not base64url";
  json::error_code ec;
  const json::value header = json::parse(*header_text, ec);
  if (ec || !header.is_object()) return "header is not a JSON object";
  const json::value* alg_name = header.as_object().if_contains("alg");
  if (alg_name == nullptr || !alg_name->is_string()) return "no alg";
  const std::optional<Algorithm> alg = jot::algorithm_from_string(alg_name->as_string());
  if (!alg) return "unknown alg";
  // A kid is a string when present (RFC 7515 §4.1.4); absent, the algorithm chooses.
  std::optional<std::string_view> kid;
  if (const json::value* k = header.as_object().if_contains("kid")) {
    if (!k->is_string()) return "kid is not a string";
    kid = std::string_view(k->as_string());
  }
  const jot::Result<Key> key = keys->select(kid, *alg);
  if (!key) return "select: " + std::string(key.error().message());
  if (jot::Result<void> ok = key->check_verify(*alg); !ok) {
    return "check_verify: " + std::string(ok.error().message());
  }
  const jot::Result<std::string> signature = jot::base64url::decode(jws.substr(dot2 + 1));
  if (!signature) return "signature is not base64url";
  if (!jot::verify_raw(*alg, *key, jws.substr(0, dot2), *signature)) {
    return "signature does not verify";
  }
  return "";
}

TEST(WycheproofJsonWebKey, EveryCaseGivesTheExpectedResult) {
  const json::value file =
      jot_test::load_json("vectors/wycheproof/testvectors_v1/json_web_key_test.json");
  int ran = 0;
  int failed = 0;
  int acceptable = 0;
  int runs = 0;
  for (const json::value& group : file.at("testGroups").as_array()) {
    for (const json::value& test : group.at("tests").as_array()) {
      const std::string result(test.at("result").as_string());
      const std::string jws(test.at("jws").as_string());
      const auto id = test.at("tcId").as_int64();
      ++ran;
      if (result == "acceptable") ++acceptable;
      bool case_failed = false;
      for (const char* which : {"public", "private"}) {
        const json::value* set = group.as_object().if_contains(which);
        if (set == nullptr) continue;
        ++runs;
        const std::string why = decide(*set, jws);
        const bool accepted = why.empty();
        if ((result == "valid" && !accepted) || (result == "invalid" && accepted)) {
          case_failed = true;
          ADD_FAILURE() << "tcId " << id << " (" << test.at("comment").as_string() << ", " << which
                        << " set): expected " << result << ", got "
                        << (accepted ? "accepted" : "rejected: " + why);
        }
      }
      failed += case_failed ? 1 : 0;
    }
  }
  std::printf(
      "[ Wycheproof ] json_web_key_test.json: %d cases ran (%d key-set runs), %d failed, "
      "%d acceptable\n",
      ran, runs, failed, acceptable);
  EXPECT_EQ(ran, file.at("numberOfTests").as_int64());
  EXPECT_EQ(failed, 0);
}

}  // namespace
