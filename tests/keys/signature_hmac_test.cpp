// HMAC specifics: only the full tag verifies, the comparison covers every byte, the
// per-thread cache of pre-keyed contexts never mixes keys up (also past its capacity), and
// two threads verifying with one Key concurrently all succeed.

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <atomic>
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

#include "signature_test_helpers.hpp"
#include "support/key_internals.hpp"

namespace {

using jot::Algorithm;
using jot_sig_test::sign;
using jot_sig_test::verify;

jot::Key secret(std::string bytes) {
  auto key = jot::Key::from_secret(bytes, {.insecure_allow_weak_secret = true});
  if (!key) ADD_FAILURE() << key.error().message();
  return key.value();
}

// HMAC computed by OpenSSL's one-shot API, independent of jot's cached contexts.
std::string reference_hmac(const char* md, std::string_view key, std::string_view input) {
  unsigned char tag[EVP_MAX_MD_SIZE];
  std::size_t length = 0;
  EXPECT_NE(EVP_Q_mac(nullptr, "HMAC", nullptr, md, nullptr, key.data(), key.size(),
                      reinterpret_cast<const unsigned char*>(input.data()), input.size(), tag,
                      sizeof tag, &length),
            nullptr);
  return std::string(reinterpret_cast<const char*>(tag), length);
}

TEST(Hmac, MatchesOpenSslReference) {
  struct Case {
    Algorithm alg;
    const char* md;
  };
  for (const Case& c : {Case{Algorithm::kHS256, "SHA256"}, Case{Algorithm::kHS384, "SHA384"},
                        Case{Algorithm::kHS512, "SHA512"}}) {
    // Short, block-sized and longer-than-a-block secrets (the latter are hashed first).
    for (std::size_t size : {1U, 32U, 64U, 128U, 129U, 300U}) {
      const std::string bytes(size, static_cast<char>('a' + size % 26));
      const jot::Key key = secret(bytes);
      for (const std::string& input : {std::string(), std::string("a.b"), std::string(5000, 'z')}) {
        const std::string expected = reference_hmac(c.md, bytes, input);
        EXPECT_EQ(sign(c.alg, key, input), expected);
        EXPECT_EQ(sign(c.alg, key, input), expected) << "second use of the cached context";
        EXPECT_TRUE(verify(c.alg, key, input, expected));
      }
    }
  }
}

TEST(Hmac, TruncatedTagsAreRejected) {
  const jot::Key key = secret(std::string(32, 'k'));
  const std::string tag = sign(Algorithm::kHS256, key, "in");
  for (std::size_t length : {0U, 1U, 16U, 24U, 31U}) {
    EXPECT_FALSE(verify(Algorithm::kHS256, key, "in", tag.substr(0, length))) << length;
  }
  // An HS512 tag truncated to 256 bits is not an HS256 or HS512 signature.
  const jot::Key key64 = secret(std::string(64, 'k'));
  const std::string tag512 = sign(Algorithm::kHS512, key64, "in");
  EXPECT_FALSE(verify(Algorithm::kHS512, key64, "in", tag512.substr(0, 32)));
  EXPECT_FALSE(verify(Algorithm::kHS256, key64, "in", tag512.substr(0, 32)));
}

TEST(Hmac, SameSecretOtherHashDiffers) {
  const jot::Key key = secret(std::string(64, 's'));
  const std::string tag256 = sign(Algorithm::kHS256, key, "in");
  const std::string tag512 = sign(Algorithm::kHS512, key, "in");
  EXPECT_NE(tag256, tag512.substr(0, 32));
  EXPECT_FALSE(verify(Algorithm::kHS384, key, "in",
                      sign(Algorithm::kHS256, key, "in") + std::string(16, '\0')));
}

TEST(Hmac, CacheNeverConfusesKeys) {
  // More keys than the per-thread cache holds, used in an interleaved order, twice over:
  // every key must always produce its own tag (hits, misses and evictions alike).
  std::vector<std::string> secrets;
  std::vector<jot::Key> keys;
  for (int i = 0; i < 40; ++i) {
    secrets.push_back("secret number " + std::to_string(i) + std::string(32, 'x'));
    keys.push_back(secret(secrets.back()));
  }
  for (int round = 0; round < 3; ++round) {
    for (std::size_t stride : {1U, 3U, 7U}) {
      for (std::size_t j = 0; j < keys.size(); ++j) {
        const std::size_t i = (j * stride) % keys.size();
        const std::string expected = reference_hmac("SHA256", secrets[i], "input");
        EXPECT_EQ(sign(Algorithm::kHS256, keys[i], "input"), expected) << i;
        EXPECT_TRUE(verify(Algorithm::kHS256, keys[i], "input", expected));
        EXPECT_FALSE(verify(Algorithm::kHS256, keys[(i + 1) % keys.size()], "input", expected));
      }
    }
  }
}

TEST(Hmac, DestroyedKeysDoNotLeakIntoNewOnes) {
  // A new key may reuse the memory of a destroyed one; the cache must not hand the new key
  // the old key's context.
  for (int i = 0; i < 20; ++i) {
    const std::string bytes = "ephemeral secret " + std::to_string(i) + std::string(32, 'e');
    const jot::Key key = secret(bytes);
    EXPECT_EQ(sign(Algorithm::kHS256, key, "x"), reference_hmac("SHA256", bytes, "x"));
  }
}

TEST(Hmac, TwoThreadsVerifyWithOneKeyConcurrently) {
  const jot::Key key = secret(std::string(32, 'c'));
  const std::string input = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjb25jdXJyZW50In0";
  const std::string tag = sign(Algorithm::kHS256, key, input);
  std::string bad = tag;
  bad[5] = static_cast<char>(bad[5] ^ 1);
  std::atomic<int> accepted{0};
  std::atomic<int> wrong{0};
  constexpr int kIterations = 20000;
  auto worker = [&] {
    for (int i = 0; i < kIterations; ++i) {
      if (jot::detail::verify_bytes(Algorithm::kHS256, jot_test::key_data(key), input, tag)) {
        accepted.fetch_add(1, std::memory_order_relaxed);
      } else {
        wrong.fetch_add(1, std::memory_order_relaxed);
      }
      if (i % 16 == 0 &&
          jot::detail::verify_bytes(Algorithm::kHS256, jot_test::key_data(key), input, bad)) {
        wrong.fetch_add(1, std::memory_order_relaxed);
      }
    }
  };
  std::thread a(worker);
  std::thread b(worker);
  a.join();
  b.join();
  EXPECT_EQ(accepted.load(), 2 * kIterations);
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
