// The cost of the non-throwing path, measured: this file replaces the global allocation
// functions for the whole jot_jwt_tests binary and counts heap allocations inside a window.
//
// Budgets (after one warm-up call, which fills per-thread caches: OpenSSL's fetched
// algorithms, the pre-keyed HMAC context, the scratch buffers for decoding):
//  * a successful HS256 verify of the seed's claims: at most 4 allocations — the parsed
//    header and payload objects and the signature text that the returned Token owns;
//  * rejections decided before any JSON is parsed (size, "jwt must be provided",
//    "jwt malformed", bad base64url): none.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "jwt/jwt_test_util.hpp"

namespace {

std::atomic<bool> counting{false};
std::atomic<long> allocations{0};

void* allocate(std::size_t size) {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
  if (size == 0) size = 1;
  if (void* p = std::malloc(size)) return p;
  throw std::bad_alloc();
}

void* allocate_aligned(std::size_t size, std::align_val_t align) {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
  const auto a = static_cast<std::size_t>(align);
  std::size_t rounded = (size + a - 1) / a * a;
  if (rounded == 0) rounded = a;
  if (void* p = std::aligned_alloc(a, rounded)) return p;
  throw std::bad_alloc();
}

}  // namespace

void* operator new(std::size_t size) {
  return allocate(size);
}
void* operator new[](std::size_t size) {
  return allocate(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new(std::size_t size, std::align_val_t align) {
  return allocate_aligned(size, align);
}
void* operator new[](std::size_t size, std::align_val_t align) {
  return allocate_aligned(size, align);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}

namespace {

// Counts the allocations made by `f` (its result is destroyed outside the window).
template <typename F>
long count_allocations(F&& f) {
  allocations = 0;
  counting = true;
  auto result = f();
  counting = false;
  const long n = allocations.load();
  (void)result;
  return n;
}

class JwtAllocations : public ::testing::Test {
 protected:
  void SetUp() override {
    jot::SignOptions sign;
    sign.timestamp = jot_test::kNow;
    sign.expires_in = "1h";
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
  EXPECT_LE(n, 4);
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

TEST_F(JwtAllocations, BadSignatureAllocatesOnlyTheParsedObjects) {
  std::string tampered = token_;
  tampered.back() = tampered.back() == 'A' ? 'Q' : 'A';
  const long n = count_allocations([&] { return jot::try_verify(tampered, key_, options_); });
  std::cout << "[ allocs   ] rejected signature: " << n << " heap allocations\n";
  EXPECT_LE(n, 2);
  const auto result = jot::try_verify(tampered, key_, options_);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message(), "invalid signature");
}

}  // namespace
