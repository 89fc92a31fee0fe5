// Hostile input never crashes a parser, every failure carries a message, and OpenSSL's
// error queue is left empty after every call (so no stale error leaks into a later one).

#include <gtest/gtest.h>
#include <openssl/err.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "jot/key.hpp"
#include "key_test_util.hpp"
#include "test_keys.hpp"

namespace {

using jot::Key;
using jot::KeySet;
using jot_key_test::must;
namespace tk = jot_test_keys;

// A small deterministic generator (xorshift) so failures reproduce.
struct Rng {
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  std::uint64_t next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
};

template <typename Parse>
void mutate_and_parse(const std::string& original, Parse parse, int rounds, int& accepted) {
  Rng rng;
  for (int i = 0; i < rounds; ++i) {
    std::string input = original;
    const int edits = 1 + static_cast<int>(rng.next() % 3);
    for (int e = 0; e < edits && !input.empty(); ++e) {
      const std::size_t at = rng.next() % input.size();
      switch (rng.next() % 3) {
        case 0:
          input[at] = static_cast<char>(rng.next());
          break;
        case 1:
          input.erase(at, 1 + rng.next() % 8);
          break;
        default:
          input.insert(at, 1, static_cast<char>(rng.next()));
      }
    }
    const jot::Result<Key> result = parse(input);
    if (result) {
      ++accepted;
    } else {
      EXPECT_FALSE(result.error().message().empty());
      EXPECT_NE(result.error().code(), jot::Errc::kOk);
    }
    EXPECT_EQ(ERR_peek_error(), 0UL) << "OpenSSL error queue not cleared";
    ERR_clear_error();
  }
}

TEST(KeyRobustness, MutatedDerPemAndJwk) {
  int accepted = 0;
  for (const char* pem : {tk::kRsa2048Pkcs1, tk::kP256Sec1WithParams, tk::kEd25519Pkcs8,
                          tk::kP256Certificate, tk::kRsaPss384}) {
    mutate_and_parse(
        pem, [](const std::string& s) { return Key::from_pem(s); }, 150, accepted);
    const Key key = must(Key::from_pem(pem));
    mutate_and_parse((key.has_private() ? key.private_pem() : key.public_pem()).value(),
                     [](const std::string& s) { return Key::from_any(s); }, 100, accepted);
  }
  for (const auto& [pem, label] :
       {std::pair{tk::kRsa2048Spki, "PUBLIC KEY"}, std::pair{tk::kP256Spki, "PUBLIC KEY"},
        std::pair{tk::kP256Sec1WithParams, "EC PRIVATE KEY"},
        std::pair{tk::kP256Certificate, "CERTIFICATE"}}) {
    mutate_and_parse(
        jot_key_test::pem_block_der(pem, label),
        [](const std::string& s) { return Key::from_der(s); }, 300, accepted);
  }
  for (const char* pem : {tk::kRsa2048Pkcs1, tk::kP384Sec1, tk::kEd448Pkcs8}) {
    mutate_and_parse(
        must(Key::from_pem(pem)).private_jwk().value(),
        [](const std::string& s) { return Key::from_jwk(s); }, 300, accepted);
  }
  const std::string jwks = "{\"keys\":[" + must(Key::from_pem(tk::kP256Spki)).public_jwk().value() +
                           "," + must(Key::from_pem(tk::kRsa2048Spki)).public_jwk().value() + "]}";
  Rng rng;
  for (int i = 0; i < 300; ++i) {
    std::string input = jwks;
    input[rng.next() % input.size()] = static_cast<char>(rng.next());
    const auto result = KeySet::from_jwks(input);
    if (!result) {
      EXPECT_FALSE(result.error().message().empty());
    }
    EXPECT_EQ(ERR_peek_error(), 0UL);
    ERR_clear_error();
  }
  std::printf("[ mutation ] %d mutated inputs still parsed (e.g. edits in ignored text)\n",
              accepted);
}

TEST(KeyRobustness, SecretsAndDegenerateInputs) {
  for (const std::string& input :
       {std::string(), std::string(1, '\0'), std::string("\x30"), std::string("\x30\x80"),
        std::string("\x30\x84\xff\xff\xff\xff"), std::string("{"), std::string("-----BEGIN "),
        std::string("-----BEGIN X-----\n-----END X-----"), std::string(100000, 'A')}) {
    EXPECT_FALSE(Key::from_der(input));
    EXPECT_FALSE(Key::from_pem(input));
    EXPECT_FALSE(Key::from_jwk(input));
    EXPECT_FALSE(Key::from_any(input));
    EXPECT_EQ(ERR_peek_error(), 0UL);
  }
  // Oversized material is refused before parsing.
  const std::string huge =
      "-----BEGIN PUBLIC KEY-----\n" + std::string(2 << 20, 'A') + "\n-----END PUBLIC KEY-----\n";
  EXPECT_EQ(Key::from_pem(huge).error().code(), jot::Errc::kLimitExceeded);
  EXPECT_EQ(Key::from_any(huge).error().code(), jot::Errc::kLimitExceeded);
  EXPECT_EQ(Key::from_der("\x30" + std::string(2 << 20, '\x01')).error().code(),
            jot::Errc::kLimitExceeded);
  // Secrets are bytes: binary, NUL bytes and non-UTF-8 all work.
  const std::string binary("\x00\xff\x80\x30\x01", 5);
  EXPECT_EQ(must(Key::from_secret(binary)).bits(), 40);
}

// A Key is immutable and shared between threads without locking: concurrent checks and
// exports of one key give the same answers as on one thread.
TEST(KeyRobustness, SharedBetweenThreads) {
  const Key rsa = must(Key::from_pem(tk::kRsa2048Pkcs1));
  const Key ed = must(Key::from_pem(tk::kEd25519Pkcs8));
  const std::string rsa_thumb = jot_key_test::thumb(rsa);
  const std::string ed_jwk = ed.public_jwk().value();
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, copy = rsa] {
      for (int i = 0; i < 50; ++i) {
        if (!copy.check_sign(jot::Algorithm::kPS256) || !ed.check_verify(jot::Algorithm::kEdDSA) ||
            jot_key_test::thumb(copy) != rsa_thumb || ed.public_jwk().value() != ed_jwk ||
            copy.with_kid("k" + std::to_string(i)).kid() != "k" + std::to_string(i)) {
          ++mismatches;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
