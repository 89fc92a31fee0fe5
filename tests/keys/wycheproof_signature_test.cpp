// Runs every Wycheproof signature-verification case that maps to a JWA algorithm through
// jot::detail::verify_bytes. One data-driven driver; the table below maps file → algorithm.
//
// Keys are built with the public parsers from each group's publicKeyDer, and also from its
// publicKeyPem and publicKeyJwk when present: every form the group offers must be accepted
// (or every form refused) and must give the same verdict on every case.
//
// Expected results:
//  - "valid"      → verify_bytes must return true.
//  - "invalid"    → must return false.
//  - "acceptable" → jot's rule: REJECT. Acceptable cases are legacy or non-canonical
//    encodings that a strict verifier may refuse; jot accepts only what it would produce
//    itself. In these files the only acceptable flag is MissingNull (RSASSA-PKCS1-v1_5
//    DigestInfo without the NULL parameters), which jot (via OpenSSL) refuses.
//  - HMAC groups whose tagSize is shorter than the hash: a JWS HMAC signature is always the
//    full tag (RFC 7518 §3.2), so every case of those groups, "valid" ones included, must be
//    rejected when presented as a JWS signature.
//  - A group whose key jot refuses at parse time counts as "rejected"; that is correct only
//    if every case of the group is invalid (otherwise it is a failure).
//
// Policy opt-ins: HMAC keys of these files are as short as 128 bits, below RFC 7518's
// minimum, so they are built with insecure_allow_weak_secret; RSA groups are built with
// insecure_allow_small_rsa for symmetry (all Wycheproof RSA moduli here are ≥ 2048 bits).

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cctype>
#include <cstddef>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "jot/key.hpp"
#include "keys/signature.hpp"
#include "support/key_internals.hpp"
#include "support/vectors.hpp"

namespace {

namespace json = boost::json;
using jot::Algorithm;

enum class Kind { kAsymmetric, kHmac };

struct FileSpec {
  const char* file;
  Algorithm alg;
  Kind kind;
  std::size_t full_tag_bits;  // HMAC only
};

const FileSpec kFiles[] = {
    {"ecdsa_secp256r1_sha256_p1363_test.json", Algorithm::kES256, Kind::kAsymmetric, 0},
    {"ecdsa_secp384r1_sha384_p1363_test.json", Algorithm::kES384, Kind::kAsymmetric, 0},
    {"ecdsa_secp521r1_sha512_p1363_test.json", Algorithm::kES512, Kind::kAsymmetric, 0},
    {"ecdsa_secp256k1_sha256_p1363_test.json", Algorithm::kES256K, Kind::kAsymmetric, 0},
    {"rsa_signature_2048_sha256_test.json", Algorithm::kRS256, Kind::kAsymmetric, 0},
    {"rsa_signature_2048_sha384_test.json", Algorithm::kRS384, Kind::kAsymmetric, 0},
    {"rsa_signature_2048_sha512_test.json", Algorithm::kRS512, Kind::kAsymmetric, 0},
    {"rsa_signature_3072_sha256_test.json", Algorithm::kRS256, Kind::kAsymmetric, 0},
    {"rsa_signature_3072_sha384_test.json", Algorithm::kRS384, Kind::kAsymmetric, 0},
    {"rsa_signature_3072_sha512_test.json", Algorithm::kRS512, Kind::kAsymmetric, 0},
    {"rsa_signature_4096_sha256_test.json", Algorithm::kRS256, Kind::kAsymmetric, 0},
    {"rsa_signature_4096_sha384_test.json", Algorithm::kRS384, Kind::kAsymmetric, 0},
    {"rsa_signature_4096_sha512_test.json", Algorithm::kRS512, Kind::kAsymmetric, 0},
    // All six PSS files use MGF1 with the signature hash and salt = hash length: PS*.
    {"rsa_pss_2048_sha256_mgf1_32_test.json", Algorithm::kPS256, Kind::kAsymmetric, 0},
    {"rsa_pss_2048_sha384_mgf1_48_test.json", Algorithm::kPS384, Kind::kAsymmetric, 0},
    {"rsa_pss_3072_sha256_mgf1_32_test.json", Algorithm::kPS256, Kind::kAsymmetric, 0},
    {"rsa_pss_4096_sha256_mgf1_32_test.json", Algorithm::kPS256, Kind::kAsymmetric, 0},
    {"rsa_pss_4096_sha384_mgf1_48_test.json", Algorithm::kPS384, Kind::kAsymmetric, 0},
    {"rsa_pss_4096_sha512_mgf1_64_test.json", Algorithm::kPS512, Kind::kAsymmetric, 0},
    {"ed25519_test.json", Algorithm::kEdDSA, Kind::kAsymmetric, 0},
    {"ed448_test.json", Algorithm::kEdDSA, Kind::kAsymmetric, 0},
    {"hmac_sha256_test.json", Algorithm::kHS256, Kind::kHmac, 256},
    {"hmac_sha384_test.json", Algorithm::kHS384, Kind::kHmac, 384},
    {"hmac_sha512_test.json", Algorithm::kHS512, Kind::kHmac, 512},
};

struct Tally {
  std::size_t cases = 0;
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t rejected_keys = 0;  // cases of groups whose key jot refused (all invalid)
};

Tally g_total;
std::size_t g_files_run = 0;

const jot::KeyOptions kOptions{.insecure_allow_weak_secret = true,
                               .insecure_allow_small_rsa = true};

std::string str(const json::value& v) {
  return std::string(v.as_string());
}

// Whether jot must accept this case (see the rules at the top of the file).
bool expected_accept(const json::object& test, bool truncated_tag) {
  if (truncated_tag) return false;
  return test.at("result").as_string() == "valid";
}

// Every key form the group offers, parsed. nullopt entries are forms jot refused; the
// string names the form for messages.
struct ParsedKey {
  std::string form;
  std::optional<jot::Key> key;
  std::string error;
};

std::vector<ParsedKey> parse_group_keys(const json::object& group) {
  std::vector<ParsedKey> keys;
  auto add = [&keys](std::string form, jot::Result<jot::Key> result) {
    ParsedKey parsed{std::move(form), std::nullopt, {}};
    if (result) {
      parsed.key = *result;
    } else {
      parsed.error = std::string(result.error().message());
    }
    keys.push_back(std::move(parsed));
  };
  add("der", jot::Key::from_der(jot_test::hex_decode(str(group.at("publicKeyDer"))), kOptions));
  if (const json::value* pem = group.if_contains("publicKeyPem")) {
    add("pem", jot::Key::from_pem(str(*pem), kOptions));
  }
  for (const char* name : {"publicKeyJwk", "keyJwk"}) {
    if (const json::value* jwk = group.if_contains(name)) {
      add("jwk", jot::Key::from_jwk(json::serialize(*jwk), kOptions));
    }
  }
  return keys;
}

class WycheproofSignature : public ::testing::TestWithParam<FileSpec> {};

TEST_P(WycheproofSignature, EveryCaseGivesTheExpectedResult) {
  const FileSpec& spec = GetParam();
  const json::value doc =
      jot_test::load_json(std::string("vectors/wycheproof/testvectors_v1/") + spec.file);
  const json::object& root = doc.as_object();
  Tally tally;
  std::ostringstream failures;
  std::size_t failures_listed = 0;
  auto fail = [&](const std::string& message) {
    ++tally.failed;
    if (failures_listed++ < 20) failures << "  " << message << "\n";
  };

  for (const json::value& group_value : root.at("testGroups").as_array()) {
    const json::object& group = group_value.as_object();
    const json::array& tests = group.at("tests").as_array();

    if (spec.kind == Kind::kHmac) {
      const auto tag_bits = static_cast<std::size_t>(group.at("tagSize").to_number<int>());
      const bool truncated = tag_bits != spec.full_tag_bits;
      for (const json::value& test_value : tests) {
        const json::object& test = test_value.as_object();
        const auto id = test.at("tcId").to_number<int>();
        ++tally.cases;
        auto key = jot::Key::from_secret(jot_test::hex_decode(str(test.at("key"))), kOptions);
        if (!key) {
          fail("tcId " + std::to_string(id) +
               ": secret refused: " + std::string(key.error().message()));
          continue;
        }
        const std::string msg = jot_test::hex_decode(str(test.at("msg")));
        const std::string tag = jot_test::hex_decode(str(test.at("tag")));
        const bool expect = expected_accept(test, truncated);
        // Twice: the first call keys a fresh context, the second reuses this thread's
        // pre-keyed one. Both paths must agree.
        const bool first = jot::detail::verify_bytes(spec.alg, jot_test::key_data(*key), msg, tag);
        const bool second = jot::detail::verify_bytes(spec.alg, jot_test::key_data(*key), msg, tag);
        if (first == expect && second == expect) {
          ++tally.passed;
        } else {
          fail("tcId " + std::to_string(id) + " (" + str(test.at("result")) + ", tagSize " +
               std::to_string(tag_bits) + "): got " + (first ? "accept" : "reject") + "/" +
               (second ? "accept" : "reject"));
        }
      }
      continue;
    }

    const std::vector<ParsedKey> keys = parse_group_keys(group);
    std::size_t accepted_forms = 0;
    for (const ParsedKey& k : keys) accepted_forms += k.key.has_value() ? 1 : 0;

    if (accepted_forms != keys.size()) {
      // Some (or all) forms refused: correct only when every form is refused and no case of
      // the group is one jot must accept.
      bool any_valid = false;
      for (const json::value& t : tests) any_valid |= expected_accept(t.as_object(), false);
      std::string why;
      for (const ParsedKey& k : keys) {
        why += k.form + (k.key ? ": accepted; " : ": refused (" + k.error + "); ");
      }
      for (const json::value& t : tests) {
        ++tally.cases;
        const auto id = t.as_object().at("tcId").to_number<int>();
        if (accepted_forms == 0 && !any_valid) {
          ++tally.passed;
          ++tally.rejected_keys;
        } else {
          fail("tcId " + std::to_string(id) + ": key forms disagree or a key with valid " +
               "signatures was refused: " + why);
        }
      }
      continue;
    }

    for (const json::value& test_value : tests) {
      const json::object& test = test_value.as_object();
      const auto id = test.at("tcId").to_number<int>();
      ++tally.cases;
      const std::string msg = jot_test::hex_decode(str(test.at("msg")));
      const std::string sig = jot_test::hex_decode(str(test.at("sig")));
      const bool expect = expected_accept(test, false);
      bool ok = true;
      std::string got;
      for (const ParsedKey& k : keys) {
        const bool verdict =
            jot::detail::verify_bytes(spec.alg, jot_test::key_data(*k.key), msg, sig);
        got += k.form + "=" + (verdict ? "accept " : "reject ");
        ok = ok && verdict == expect;
      }
      if (ok) {
        ++tally.passed;
      } else {
        std::string flags;
        for (const json::value& f : test.at("flags").as_array()) flags += str(f) + " ";
        fail("tcId " + std::to_string(id) + " (" + str(test.at("result")) + "; " + flags +
             "): " + got);
      }
    }
  }

  const auto declared = static_cast<std::size_t>(root.at("numberOfTests").to_number<int>());
  std::cout << "wycheproof " << spec.file << ": " << tally.cases << " cases, " << tally.passed
            << " passed, " << tally.failed << " failed";
  if (tally.rejected_keys != 0) std::cout << " (" << tally.rejected_keys << " by key refusal)";
  std::cout << "\n";
  RecordProperty("cases", static_cast<int>(tally.cases));
  RecordProperty("passed", static_cast<int>(tally.passed));
  RecordProperty("failed", static_cast<int>(tally.failed));

  g_total.cases += tally.cases;
  g_total.passed += tally.passed;
  g_total.failed += tally.failed;
  g_total.rejected_keys += tally.rejected_keys;
  ++g_files_run;

  EXPECT_EQ(tally.cases, declared) << "every case of the file must run";
  EXPECT_EQ(tally.failed, 0U) << failures.str();
}

// gtest names: the file name without ".json", other characters than [A-Za-z0-9] as '_'.
std::string file_test_name(const ::testing::TestParamInfo<FileSpec>& info) {
  std::string name = info.param.file;
  name = name.substr(0, name.find(".json"));
  for (char& c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(AllFiles, WycheproofSignature, ::testing::ValuesIn(kFiles),
                         file_test_name);

// Prints the grand total once all files ran (when the whole suite is selected).
class TotalReporter : public ::testing::Environment {
 public:
  void TearDown() override {
    if (g_files_run == 0) return;
    std::cout << "wycheproof: " << g_total.cases << " cases, " << g_total.passed << " passed, "
              << g_total.failed << " failed (" << g_files_run << " files, " << g_total.rejected_keys
              << " cases rejected by key policy)\n";
    ::testing::Test::RecordProperty("wycheproof_cases", static_cast<int>(g_total.cases));
    ::testing::Test::RecordProperty("wycheproof_failed", static_cast<int>(g_total.failed));
  }
};

const auto* const kTotalReporter = ::testing::AddGlobalTestEnvironment(new TotalReporter);

}  // namespace
