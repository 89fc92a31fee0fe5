// Measures the verify hot path's allocation budget: JsonObject::parse of a small object
// costs exactly one heap allocation (the shared document with its inline arena).
//
// This file replaces the global operator new/delete for the whole test executable; they
// only count, then defer to malloc/free.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "jot/base64url.hpp"
#include "jot/json_object.hpp"

namespace {

std::atomic<std::size_t> g_allocations{0};

void* counted_alloc(std::size_t size, std::size_t alignment) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (size == 0) size = 1;
  void* p = alignment <= alignof(std::max_align_t)
                ? std::malloc(size)
                : std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

}  // namespace

void* operator new(std::size_t size) {
  return counted_alloc(size, 0);
}
void* operator new[](std::size_t size) {
  return counted_alloc(size, 0);
}
void* operator new(std::size_t size, std::align_val_t alignment) {
  return counted_alloc(size, static_cast<std::size_t>(alignment));
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
  return counted_alloc(size, static_cast<std::size_t>(alignment));
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

template <typename F>
std::size_t count_allocations(F&& f) {
  const std::size_t before = g_allocations.load();
  f();
  return g_allocations.load() - before;
}

std::string twenty_claims() {
  std::string text = "{";
  for (int i = 0; i < 20; ++i) {
    if (i != 0) text += ',';
    if (i % 2 == 0) {
      text += "\"claim_name_" + std::to_string(i) +
              "\":\"a string value of some length, a bit longer: " + std::to_string(i) + "\"";
    } else {
      text += "\"numeric_claim_" + std::to_string(i) + "\":" + std::to_string(1700000000 + i);
    }
  }
  text += '}';
  return text;
}

TEST(JsonAllocations, CounterWorks) {
  EXPECT_EQ(count_allocations([] { delete new int(1); }), 1U);
  EXPECT_EQ(count_allocations([] { std::string s(100, 'x'); }), 1U);
}

TEST(JsonAllocations, SeedPayloadParsesWithOneAllocation) {
  const std::string payload = R"({"userId":123,"iat":1700000000,"exp":1700003600})";
  std::size_t count = count_allocations([&] {
    const auto parsed = jot::JsonObject::parse(payload);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->get_integer("exp"), 1700003600);
  });
  EXPECT_LE(count, 1U);
  EXPECT_EQ(count, 1U);  // the document itself is one
}

TEST(JsonAllocations, TwentyClaimKilobyteObjectParsesWithOneAllocation) {
  const std::string payload = twenty_claims();
  ASSERT_GE(payload.size(), 900U);
  ASSERT_LE(payload.size(), 1100U);
  const std::size_t count = count_allocations([&] {
    const auto parsed = jot::JsonObject::parse(payload);
    ASSERT_TRUE(parsed) << parsed.error().message();
    EXPECT_EQ(parsed->size(), 20U);
    EXPECT_EQ(parsed->get_string("claim_name_18"),
              "a string value of some length, a bit longer: 18");
  });
  EXPECT_EQ(count, 1U) << payload.size() << " bytes";
}

TEST(JsonAllocations, EscapedNamesAndNestingStayInBudget) {
  const std::string payload =
      R"({"iss":"https://issuer.example.com/","aud":["a","b","c"],"n\u00e9ste":{"x":[1,2,)"
      R"({"y":null}]},"scope":"read write\nadmin","exp":1700003600.5})";
  std::optional<jot::JsonObject> kept;
  const std::size_t count = count_allocations([&] {
    auto parsed = jot::JsonObject::parse(payload);
    ASSERT_TRUE(parsed) << parsed.error().message();
    kept = std::move(*parsed);
  });
  EXPECT_EQ(count, 1U);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->get_string_array("aud"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(kept->get_string("scope"), "read write\nadmin");
  EXPECT_EQ(kept->get_json("n\xc3\xa9ste"), R"({"x":[1,2,{"y":null}]})");
}

TEST(JsonAllocations, RejectionsOfOversizedInputDoNotAllocateTheDocument) {
  jot::JsonLimits limits;
  limits.max_bytes = 8;
  const std::string payload = R"({"userId":123})";
  const std::size_t count = count_allocations([&] {
    const auto parsed = jot::JsonObject::parse(payload, limits);
    EXPECT_FALSE(parsed);
  });
  EXPECT_LE(count, 1U);  // the error message only
}

TEST(JsonAllocations, Base64urlDecodeIntoReusesCapacity) {
  std::string out;
  out.reserve(256);
  const std::size_t count = count_allocations([&] {
    EXPECT_TRUE(jot::base64url::decode_into("eyJ1c2VySWQiOjEyMywiaWF0IjoxNzAwMDAwMDAwfQ", out));
    std::string encoded;
    encoded.reserve(256);
    jot::base64url::encode_append(out, encoded);
  });
  EXPECT_EQ(count, 1U);  // only the reserve of `encoded`
}

}  // namespace
