// verify_bytes never crashes, throws or leaves OpenSSL errors behind, whatever it is given:
// empty or inconsistent key material, garbage signatures of every length. And the per-thread
// context cache behind the hot path keeps its promises (bounded, LRU, frees everything).

#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include <cstddef>
#include <string>
#include <vector>

#include "keys/ctx_cache.hpp"
#include "signature_test_helpers.hpp"
#include "support/key_internals.hpp"

namespace {

using jot::Algorithm;

TEST(SignatureRobustness, EmptyKeyDataOfEveryTypeIsRefused) {
  for (jot::KeyType type : {jot::KeyType::kSecret, jot::KeyType::kRsa, jot::KeyType::kRsaPss,
                            jot::KeyType::kEc, jot::KeyType::kOkp}) {
    for (jot::Curve curve : {jot::Curve::kNone, jot::Curve::kP256, jot::Curve::kP521,
                             jot::Curve::kEd25519, jot::Curve::kEd448}) {
      jot::detail::KeyData key;  // no secret, no EVP_PKEY
      key.type = type;
      key.curve = curve;
      key.has_private = true;
      for (Algorithm alg : jot_sig_test::kSigningAlgorithms) {
        if (type == jot::KeyType::kSecret) continue;  // an empty secret is a valid HMAC key
        std::string out;
        EXPECT_FALSE(jot::detail::sign_bytes(alg, key, "in", out));
        EXPECT_TRUE(out.empty());
        EXPECT_FALSE(jot::detail::verify_bytes(alg, key, "in", std::string(64, 'a')));
        EXPECT_EQ(ERR_peek_error(), 0UL);
      }
    }
  }
}

TEST(SignatureRobustness, KeyDataThatLiesAboutItsTypeIsRefused) {
  // An EVP_PKEY of one kind labelled as another: OpenSSL refuses, jot returns false/error.
  const jot::Key rsa = jot_sig_test::shared_key(Algorithm::kRS256);
  const jot::Key ed = jot_sig_test::shared_key(Algorithm::kEdDSA);
  struct Lie {
    const jot::Key* real;
    jot::KeyType type;
    jot::Curve curve;
    Algorithm alg;
    std::size_t sig_size;
  };
  for (const Lie& lie : {Lie{&rsa, jot::KeyType::kEc, jot::Curve::kP256, Algorithm::kES256, 64},
                         Lie{&rsa, jot::KeyType::kOkp, jot::Curve::kEd25519, Algorithm::kEdDSA, 64},
                         Lie{&ed, jot::KeyType::kRsa, jot::Curve::kNone, Algorithm::kRS256, 32},
                         Lie{&ed, jot::KeyType::kRsa, jot::Curve::kNone, Algorithm::kPS256, 32},
                         Lie{&ed, jot::KeyType::kEc, jot::Curve::kP256, Algorithm::kES256, 64}}) {
    jot::detail::KeyData key;
    key.type = lie.type;
    key.curve = lie.curve;
    key.has_private = true;
    EVP_PKEY_up_ref(jot_test::pkey_of(*lie.real));
    key.pkey.reset(jot_test::pkey_of(*lie.real));
    std::string sig(lie.sig_size, '\x01');
    EXPECT_FALSE(jot::detail::verify_bytes(lie.alg, key, "in", sig)) << jot::to_string(lie.alg);
    EXPECT_EQ(ERR_peek_error(), 0UL);
    std::string out;
    auto signed_ = jot::detail::sign_bytes(lie.alg, key, "in", out);
    EXPECT_FALSE(signed_) << jot::to_string(lie.alg);
    ERR_clear_error();
  }
}

TEST(SignatureRobustness, GarbageSignaturesOfEveryLength) {
  for (Algorithm alg : jot_sig_test::kSigningAlgorithms) {
    const jot::Key& key = jot_sig_test::shared_key(alg);
    for (std::size_t size = 0; size <= 520; size += (size < 140 ? 1 : 61)) {
      for (char fill : {'\0', '\xff', '\x5a'}) {
        EXPECT_FALSE(jot_sig_test::verify(alg, key, "in", std::string(size, fill)))
            << jot::to_string(alg) << " size " << size;
      }
    }
  }
}

// ---- CtxCache ---------------------------------------------------------------------------

struct FakeCtx {
  int value;
};
std::vector<int> g_freed;
void free_fake(FakeCtx* ctx) {
  g_freed.push_back(ctx->value);
  delete ctx;
}
using FakeCache = jot::detail::CtxCache<FakeCtx, free_fake, 3>;

TEST(CtxCache, FindsByIdAndTagOnly) {
  g_freed.clear();
  {
    FakeCache cache;
    EXPECT_EQ(cache.find(1, 0), nullptr);
    cache.insert(1, 0, new FakeCtx{10});
    cache.insert(1, 1, new FakeCtx{11});
    ASSERT_NE(cache.find(1, 0), nullptr);
    EXPECT_EQ(cache.find(1, 0)->value, 10);
    EXPECT_EQ(cache.find(1, 1)->value, 11);
    EXPECT_EQ(cache.find(2, 0), nullptr);
    EXPECT_EQ(cache.find(0, 0), nullptr);
  }
  EXPECT_EQ(g_freed.size(), 2U);  // everything freed when the cache goes (thread exit)
}

TEST(CtxCache, EvictsTheLeastRecentlyUsed) {
  g_freed.clear();
  FakeCache cache;
  cache.insert(1, 0, new FakeCtx{1});
  cache.insert(2, 0, new FakeCtx{2});
  cache.insert(3, 0, new FakeCtx{3});
  ASSERT_NE(cache.find(1, 0), nullptr);  // 2 is now the least recently used
  cache.insert(4, 0, new FakeCtx{4});
  EXPECT_EQ(g_freed, std::vector<int>{2});
  EXPECT_EQ(cache.find(2, 0), nullptr);
  EXPECT_NE(cache.find(1, 0), nullptr);
  EXPECT_NE(cache.find(3, 0), nullptr);
  EXPECT_NE(cache.find(4, 0), nullptr);
  cache.erase(3, 0);
  EXPECT_EQ(g_freed, (std::vector<int>{2, 3}));
  EXPECT_EQ(cache.find(3, 0), nullptr);
  cache.insert(5, 0, new FakeCtx{5});  // takes the free slot: nothing evicted
  EXPECT_EQ(g_freed, (std::vector<int>{2, 3}));
}

}  // namespace
