// Every case of Wycheproof's json_web_signature_test.json through jws::verify, with the
// group's JWK (the public one when given, else the private one), and the default allow-list
// derived from the key.
//
// Outcome rules:
//  * "valid" must verify and "invalid" must be rejected, except where jot is deliberately
//    stricter (kStricter below, each with its reason): those must be rejected; and two
//    "invalid" cases whose token is identical to a valid one (kIdenticalToValid).
//  * A group whose JWK jot refuses to import counts each of its cases as rejected.
//  * JSON-serialised JWS (flag JsonSerialization) is handed to the compact parser as is and
//    must be rejected: jot implements the compact serialisation only.

#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <string>

#include "jot/jws.hpp"
#include "support/vectors.hpp"

namespace {

namespace json = boost::json;

// Cases Wycheproof marks "valid" that jot rejects on purpose.
const std::map<std::int64_t, const char*> kStricter = {
    // Wycheproof accepts these as "valid" because most libraries' base64 decoders skip the
    // inserted character; jot's strict base64url decoder refuses any character outside the
    // alphabet, so each byte string has exactly one accepted encoding (issue #2 point 2).
    {372, "invalid character inserted in the header: strict base64url rejects it"},
    {373, "invalid character inserted in the payload: strict base64url rejects it"},
    // The RFC 7520 figure 20 token is PS384, but the group's JWK says "alg":"PS256". RFC 7517
    // §4.4: "alg" is the algorithm intended for use with the key; jot binds the key to it.
    {346, "JWK bound to PS256 by its \"alg\", token is PS384: key binding refuses it"},
    {350, "JWK bound to PS256 by its \"alg\", token is PS384: key binding refuses it"},
    // The group's JWK says "alg":"ES521", which is not a JWS algorithm (ES512 is): jot refuses
    // to import a key bound to an unknown algorithm.
    {347, "JWK \"alg\" is \"ES521\", not an algorithm: the key is refused"},
    {351, "JWK \"alg\" is \"ES521\", not an algorithm: the key is refused"},
};

// Cases Wycheproof marks "invalid" whose token is byte-identical to a "valid" case of the
// same group (357): the invalid padding their comment describes is not in the file, so
// nothing distinguishes them, and jot accepts them exactly as it accepts 357.
const std::map<std::int64_t, std::int64_t> kIdenticalToValid = {{367, 357}, {370, 357}};

TEST(Wycheproof, JsonWebSignature) {
  const json::value file =
      jot_test::load_json("vectors/wycheproof/testvectors_v1/json_web_signature_test.json");
  int ran = 0;
  int failed = 0;
  int stricter = 0;
  int identical = 0;
  std::map<std::int64_t, std::string> tokens_by_id;
  for (const json::value& group_value : file.at("testGroups").as_array()) {
    const json::object& group = group_value.as_object();
    const json::value& jwk = group.contains("public") ? group.at("public") : group.at("private");
    const auto key = jot::Key::from_jwk(json::serialize(jwk));
    for (const json::value& test_value : group.at("tests").as_array()) {
      const json::object& test = test_value.as_object();
      const std::int64_t id = test.at("tcId").as_int64();
      const std::string expected = json::value_to<std::string>(test.at("result"));
      const json::value& jws = test.at("jws");
      const std::string token =
          jws.is_string() ? json::value_to<std::string>(jws) : json::serialize(jws);
      ++ran;

      bool accepted = false;
      std::string why = "key refused: ";
      if (key) {
        const auto result = jot::jws::verify(token, *key);
        accepted = result.has_value();
        why = accepted ? "accepted" : std::string(result.error().message());
      } else {
        why += key.error().message();
      }

      bool want = expected == "valid";
      if (kStricter.count(id) != 0) {
        want = false;
        ++stricter;
      }
      if (const auto same = kIdenticalToValid.find(id); same != kIdenticalToValid.end()) {
        EXPECT_EQ(token, tokens_by_id.at(same->second)) << "tcId " << id;
        want = true;
        ++identical;
      }
      tokens_by_id[id] = token;
      if (accepted != want) {
        ++failed;
        ADD_FAILURE() << "tcId " << id << " (" << json::value_to<std::string>(test.at("comment"))
                      << "): expected " << (want ? "accept" : "reject") << ", got " << why;
      }
    }
  }
  std::cout << "[ vectors  ] Wycheproof json_web_signature_test.json: " << ran << " ran, " << failed
            << " failed (" << stricter << " 'valid' cases rejected by jot's stricter rules and "
            << identical << " 'invalid' cases identical to a valid token accepted, as "
            << "documented)\n";
  EXPECT_EQ(ran, file.at("numberOfTests").as_int64());
  EXPECT_EQ(failed, 0);
}

}  // namespace
