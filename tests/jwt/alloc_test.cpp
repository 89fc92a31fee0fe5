// The cost of the non-throwing path, measured: heap allocations counted inside a window
// (tests/support/alloc_counter.hpp).
//
// Budgets (after one warm-up call, which fills per-thread caches: OpenSSL's fetched
// algorithms, the pre-keyed HMAC context, the scratch buffers for decoding):
//  * a successful HS256 verify of the seed's claims: at most 2 allocations — the payload
//    object (its text, parsed on first access) and the signature text that the returned Token
//    owns; the header object is the one the thread remembers from the warm-up;
//  * rejections up to and including the signature check (size, "jwt must be provided",
//    "jwt malformed", bad base64url, "jwt signature is required", "invalid algorithm",
//    "invalid signature"): none;
//  * claim rejections ("jwt expired" ...): only the payload object and the signature text;
//  * an HS256 sign of the seed payload: 1, the token (the header's encoding is remembered,
//    the claim set and signature bytes use per-thread scratch buffers).

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <new>

#include "jwt/jwt_test_util.hpp"
#include "support/alloc_counter.hpp"

namespace {

using jot_test::count_allocations;

class JwtAllocations : public ::testing::Test {
 protected:
  void SetUp() override {
    jot::SignOptions sign;
    sign.timestamp = jot_test::kNow;
    sign.expires_in = jot::Timespan::parse("1h").value();
    token_ = jot::sign(R"({"userId":123})", key_, sign);
    options_.clock_timestamp = jot_test::kNow;
    ASSERT_TRUE(jot::try_verify(token_, key_, options_));  // warm-up
  }

  jot::Key key_ = jot_test::secret_key();
  std::string token_;
  jot::VerifyOptions options_;
};

TEST_F(JwtAllocations, CountingWorks) {
  // The counter itself must see allocations, or the budgets below would pass vacuously.
  const long n = count_allocations([] { return std::string(1000, 'x'); });
  EXPECT_EQ(n, 1);
}

TEST_F(JwtAllocations, SuccessfulHs256VerifyWithinBudget) {
  const long n = count_allocations([&] { return jot::try_verify(token_, key_, options_); });
  std::cout << "[ allocs   ] successful HS256 verify: " << n << " heap allocations\n";
  EXPECT_LE(n, 2);
  EXPECT_TRUE(jot::try_verify(token_, key_, options_));
}

TEST_F(JwtAllocations, EarlyRejectionsDoNotAllocate) {
  const std::string oversized(options_.max_token_bytes + 1, 'a');
  const std::string bad_base64 = token_.substr(0, 10) + "$" + token_.substr(11);
  const std::string cases[] = {"",        "a.b",      "a.b.c.d",
                               oversized, bad_base64, token_.substr(0, token_.rfind('.'))};
  for (const std::string& token : cases) {
    const long n = count_allocations([&] { return jot::try_verify(token, key_, options_); });
    EXPECT_EQ(n, 0) << token.substr(0, 40);
    EXPECT_FALSE(jot::try_verify(token, key_, options_));
  }
}

TEST_F(JwtAllocations, KeyAndSignatureRejectionsDoNotAllocate) {
  std::string tampered = token_;
  tampered.back() = tampered.back() == 'A' ? 'Q' : 'A';
  const std::string unsigned_token = token_.substr(0, token_.rfind('.') + 1);
  const std::string other_alg = jot_test::forge(R"({"alg":"HS512","typ":"JWT"})",
                                                R"({"userId":123})", key_, jot::Algorithm::kHS512);
  const std::string alg_swap = jot_test::forge(R"({"alg":"RS256","typ":"JWT"})",
                                               R"({"userId":123})", key_, jot::Algorithm::kHS256);
  jot::VerifyOptions only_hs256 = options_;
  only_hs256.algorithms = {jot::Algorithm::kHS256};
  const struct {
    const std::string* token;
    const jot::VerifyOptions* options;
    const char* message;
  } cases[] = {
      {&tampered, &options_, "invalid signature"},
      {&unsigned_token, &options_, "jwt signature is required"},
      {&other_alg, &only_hs256, "invalid algorithm"},
      {&alg_swap, &options_, "invalid algorithm"},
  };
  for (const auto& c : cases) {
    // Warm-up: the first token with a longer segment grows the thread's scratch buffer once.
    (void)jot::try_verify(*c.token, key_, *c.options);
    const long n = count_allocations([&] { return jot::try_verify(*c.token, key_, *c.options); });
    EXPECT_EQ(n, 0) << c.message << " " << c.token->substr(0, 30);
    const auto result = jot::try_verify(*c.token, key_, *c.options);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().message(), c.message);
  }
  std::cout << "[ allocs   ] rejected signature / algorithm: 0 heap allocations\n";
}

TEST_F(JwtAllocations, SignIsReported) {
  jot::SignOptions sign;
  sign.timestamp = jot_test::kNow;
  sign.expires_in = jot::Timespan::parse("1h").value();
  (void)jot::try_sign(R"({"userId":123})", key_, sign);
  const long n = count_allocations([&] { return jot::try_sign(R"({"userId":123})", key_, sign); });
  std::cout << "[ allocs   ] HS256 sign of the seed payload with expiresIn: " << n
            << " heap allocations\n";
  EXPECT_LE(n, 1);
}

TEST_F(JwtAllocations, ClaimRejectionsAllocateOnlyTheParsedObjects) {
  // An expired token passed every cryptographic check: its header and payload objects exist
  // (custom checks would receive them); the static message itself costs nothing.
  jot::VerifyOptions later = options_;
  later.clock_timestamp = jot_test::kNow + 7200;
  const long n = count_allocations([&] { return jot::try_verify(token_, key_, later); });
  EXPECT_LE(n, 2);
  const auto result = jot::try_verify(token_, key_, later);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message(), "jwt expired");
}

}  // namespace
