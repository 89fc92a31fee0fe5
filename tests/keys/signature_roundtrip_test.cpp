// sign_bytes → verify_bytes for every JWA algorithm with freshly generated keys, and the
// generic rejections every algorithm must make: any changed byte, any other length, any
// other input, a key of another type, and the none algorithm.

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cstddef>
#include <string>
#include <thread>
#include <vector>

#include "signature_test_helpers.hpp"
#include "support/key_internals.hpp"

namespace {

using jot::Algorithm;
using jot_sig_test::generated;
using jot_sig_test::sign;
using jot_sig_test::verify;

std::size_t expected_length(Algorithm alg) {
  switch (alg) {
    case Algorithm::kHS256:
      return 32;
    case Algorithm::kHS384:
      return 48;
    case Algorithm::kHS512:
    case Algorithm::kES256:
    case Algorithm::kES256K:
    case Algorithm::kEdDSA:  // Ed25519
      return 64;
    case Algorithm::kES384:
      return 96;
    case Algorithm::kES512:
      return 132;
    default:
      return 256;  // RSA-2048 modulus
  }
}

class EveryAlgorithm : public ::testing::TestWithParam<Algorithm> {};

TEST_P(EveryAlgorithm, SignThenVerify) {
  const Algorithm alg = GetParam();
  const jot::Key key = jot_sig_test::shared_key(alg);
  const std::string input = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0";
  const std::string sig = sign(alg, key, input);
  EXPECT_EQ(sig.size(), expected_length(alg));
  EXPECT_TRUE(verify(alg, key, input, sig));
  // Verification again (the second use of this thread's prepared context for the key).
  EXPECT_TRUE(verify(alg, key, input, sig));
  if (key.type() != jot::KeyType::kSecret) {
    // The public half alone verifies it too.
    EXPECT_TRUE(verify(alg, jot_sig_test::public_half(key), input, sig));
  }
  EXPECT_FALSE(verify(alg, key, input + ".", sig));
  EXPECT_FALSE(verify(alg, key, input.substr(1), sig));
}

TEST_P(EveryAlgorithm, EmptyAndLargeInputs) {
  const Algorithm alg = GetParam();
  const jot::Key key = jot_sig_test::shared_key(alg);
  const std::string large(1 << 20, 'x');
  for (const std::string& input : {std::string(), large}) {
    const std::string sig = sign(alg, key, input);
    EXPECT_TRUE(verify(alg, key, input, sig));
    EXPECT_FALSE(verify(alg, key, input + "x", sig));
  }
}

TEST_P(EveryAlgorithm, SignatureOfAnotherKeyFails) {
  const Algorithm alg = GetParam();
  const jot::Key key = jot_sig_test::shared_key(alg);
  const jot::Key other = generated(alg);
  const std::string sig = sign(alg, key, "payload");
  EXPECT_FALSE(verify(alg, other, "payload", sig));
}

TEST_P(EveryAlgorithm, EveryFlippedByteFails) {
  const Algorithm alg = GetParam();
  const jot::Key key = jot_sig_test::shared_key(alg);
  const std::string input = "header.payload";
  const std::string sig = sign(alg, key, input);
  for (std::size_t i = 0; i < sig.size(); ++i) {
    for (int mask : {0x01, 0x80}) {
      std::string tampered = sig;
      tampered[i] = static_cast<char>(tampered[i] ^ mask);
      EXPECT_FALSE(verify(alg, key, input, tampered)) << "byte " << i << " mask " << +mask;
    }
  }
}

TEST_P(EveryAlgorithm, EveryOtherLengthFails) {
  const Algorithm alg = GetParam();
  const jot::Key key = jot_sig_test::shared_key(alg);
  const std::string input = "header.payload";
  const std::string sig = sign(alg, key, input);
  EXPECT_FALSE(verify(alg, key, input, ""));
  EXPECT_FALSE(verify(alg, key, input, sig.substr(0, sig.size() - 1)));
  EXPECT_FALSE(verify(alg, key, input, sig.substr(1)));
  EXPECT_FALSE(verify(alg, key, input, sig + '\0'));
  EXPECT_FALSE(verify(alg, key, input, std::string(1, '\0') + sig));
  EXPECT_FALSE(verify(alg, key, input, sig + sig));
  EXPECT_FALSE(verify(alg, key, input, sig.substr(0, sig.size() / 2)));
}

TEST_P(EveryAlgorithm, KeysOfOtherFamiliesNeverVerify) {
  const Algorithm alg = GetParam();
  const jot::Key key = jot_sig_test::shared_key(alg);
  const std::string sig = sign(alg, key, "input");
  for (Algorithm other_alg : jot_sig_test::kSigningAlgorithms) {
    const jot::Key& other = jot_sig_test::shared_key(other_alg);
    if (other.type() == key.type()) continue;  // e.g. RS* and PS* share RSA keys
    // The other key with this algorithm, and this key with the other algorithm.
    EXPECT_FALSE(verify(alg, other, "input", sig)) << jot::to_string(other_alg);
    EXPECT_FALSE(verify(other_alg, key, "input", sig)) << jot::to_string(other_alg);
    std::string out;
    EXPECT_FALSE(jot::detail::sign_bytes(alg, jot_test::key_data(other), "input", out))
        << jot::to_string(other_alg);
    EXPECT_TRUE(out.empty());
  }
}

TEST_P(EveryAlgorithm, SignAppendsToOutput) {
  const Algorithm alg = GetParam();
  const jot::Key key = jot_sig_test::shared_key(alg);
  std::string out = "prefix.";
  ASSERT_TRUE(jot::detail::sign_bytes(alg, jot_test::key_data(key), "input", out));
  ASSERT_EQ(out.size(), 7 + expected_length(alg));
  EXPECT_EQ(out.substr(0, 7), "prefix.");
  EXPECT_TRUE(verify(alg, key, "input", out.substr(7)));
}

INSTANTIATE_TEST_SUITE_P(Jwa, EveryAlgorithm, ::testing::ValuesIn(jot_sig_test::kSigningAlgorithms),
                         jot_sig_test::alg_name);

TEST(Signature, Ed448RoundTrip) {
  EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED448");
  ASSERT_NE(raw, nullptr);
  jot::detail::PkeyPtr pkey(raw);
  const jot::Key key = jot_sig_test::from_private_pkey(pkey.get());
  ASSERT_EQ(key.curve(), jot::Curve::kEd448);
  const std::string sig = sign(Algorithm::kEdDSA, key, "input");
  EXPECT_EQ(sig.size(), 114U);
  EXPECT_TRUE(verify(Algorithm::kEdDSA, key, "input", sig));
  EXPECT_TRUE(verify(Algorithm::kEdDSA, jot_sig_test::public_half(key), "input", sig));
  EXPECT_FALSE(verify(Algorithm::kEdDSA, key, "inpuT", sig));
  EXPECT_FALSE(verify(Algorithm::kEdDSA, key, "input", sig.substr(0, 64)));
  // An Ed25519 key never verifies an Ed448 signature (and vice versa by length).
  EXPECT_FALSE(verify(Algorithm::kEdDSA, generated(Algorithm::kEdDSA), "input", sig));
}

TEST(Signature, PublicKeysCannotSign) {
  for (Algorithm alg : jot_sig_test::kSigningAlgorithms) {
    const jot::Key& key = jot_sig_test::shared_key(alg);
    if (key.type() == jot::KeyType::kSecret) continue;  // a secret has no public half
    const jot::Key pub = jot_sig_test::public_half(key);
    ASSERT_FALSE(pub.has_private());
    std::string out;
    auto result = jot::detail::sign_bytes(alg, jot_test::key_data(pub), "input", out);
    ASSERT_FALSE(result) << jot::to_string(alg);
    EXPECT_EQ(result.error().code(), jot::Errc::kKeyMismatch) << jot::to_string(alg);
    EXPECT_TRUE(out.empty());
  }
}

TEST(Signature, NoneHasNoSignature) {
  const jot::Key key = jot_sig_test::shared_key(Algorithm::kHS256);
  std::string out;
  auto result = jot::detail::sign_bytes(Algorithm::kNone, jot_test::key_data(key), "input", out);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), jot::Errc::kUnsupported);
  EXPECT_TRUE(out.empty());
  EXPECT_FALSE(verify(Algorithm::kNone, key, "input", ""));
  EXPECT_FALSE(verify(Algorithm::kNone, key, "input", sign(Algorithm::kHS256, key, "input")));
}

// Signing and verifying from several threads with shared keys of every algorithm (each
// thread builds its own prepared contexts; the keys are only read).
TEST(Signature, ConcurrentUseOfSharedKeys) {
  std::vector<jot::Key> keys;
  for (Algorithm alg : jot_sig_test::kSigningAlgorithms) {
    keys.push_back(jot_sig_test::shared_key(alg));
  }
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < failures.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        for (std::size_t i = 0; i < keys.size(); ++i) {
          const Algorithm alg = jot_sig_test::kSigningAlgorithms[i];
          const std::string input =
              "thread " + std::to_string(t) + " round " + std::to_string(round);
          std::string sig;
          if (!jot::detail::sign_bytes(alg, jot_test::key_data(keys[i]), input, sig) ||
              !jot::detail::verify_bytes(alg, jot_test::key_data(keys[i]), input, sig) ||
              jot::detail::verify_bytes(alg, jot_test::key_data(keys[i]), input + "!", sig)) {
            ++failures[t];
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
