// One Key and many threads: verify keeps its scratch buffers per thread, so concurrent
// verifies of different tokens never see each other's data.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "jwt/jwt_test_util.hpp"

namespace {

TEST(JwtThreads, ConcurrentVerifiesOfDifferentTokens) {
  const jot::Key hmac = jot_test::secret_key();
  const jot::Key ec = jot::Key::generate(jot::Algorithm::kES256).value();
  constexpr int kThreads = 4;
  constexpr int kRounds = 200;
  std::vector<std::string> tokens;
  for (int i = 0; i < kThreads; ++i) {
    // Different sizes, so a buffer mix-up would show as a wrong payload or a bad signature.
    const std::string payload = "{\"n\":" + std::to_string(i) + ",\"pad\":\"" +
                                std::string(static_cast<std::size_t>(i) * 300, 'x') + "\"}";
    tokens.push_back(jot::sign(payload, i % 2 == 0 ? hmac : ec));
  }
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int r = 0; r < kRounds; ++r) {
        const int i = (t + r) % kThreads;
        const auto result = jot::try_verify(tokens[i], i % 2 == 0 ? hmac : ec);
        if (!result || result->payload().get_integer("n") != i) ++failures;
        std::string bad = tokens[i];
        bad[bad.size() / 2] = bad[bad.size() / 2] == 'A' ? 'B' : 'A';
        if (jot::try_verify(bad, i % 2 == 0 ? hmac : ec)) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
