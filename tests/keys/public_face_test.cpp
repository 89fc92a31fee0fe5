// The material behind Key and JsonObject is the library's own (issue 13): no public call reads
// it or makes a handle from it. Checked at compile time, so this file fails to build if the
// accessors or the constructors become public again.

#include <gtest/gtest.h>

#include <memory>
#include <type_traits>

#include "jot/json_object.hpp"
#include "jot/key.hpp"
#include "support/json_internals.hpp"
#include "support/key_internals.hpp"

namespace {

template <class T>
concept ShowsKeyData = requires(const T& key) {
  key.data();
};
template <class T>
concept ShowsJsonDoc = requires(const T& object) {
  object.doc();
};

static_assert(!ShowsKeyData<jot::Key>, "Key::data() must stay private");
static_assert(!ShowsJsonDoc<jot::JsonObject>, "JsonObject::doc() must stay private");
static_assert(!std::is_constructible_v<jot::Key, std::shared_ptr<const jot::detail::KeyData>>,
              "a Key is made by the library only");
static_assert(
    !std::is_constructible_v<jot::JsonObject, std::shared_ptr<const jot::detail::JsonDoc>>,
    "a JsonObject is made by the library only");

// Tests of private code still reach the material, through tests/support.
TEST(PublicFace, TestsReachTheMaterialThroughTheirSupport) {
  const jot::Key key = jot::Key::from_secret("0123456789abcdef0123456789abcdef").value();
  EXPECT_EQ(jot_test::key_data(key).secret, "0123456789abcdef0123456789abcdef");
  const jot::JsonObject object = jot::JsonObject::parse(R"({"a":1})").value();
  EXPECT_EQ(jot_test::json_of(object).at("a").as_int64(), 1);
}

}  // namespace
