// What a lazy document writes after it is shared as const must be declared mutable: writing
// a const object is undefined behaviour however it is reached. Checked at compile time on
// the types themselves; JsonLazyObject (json_scan_test.cpp) checks the fill from many threads.

#include "json/json_doc.hpp"

#include <gtest/gtest.h>

#include <type_traits>
#include <utility>

namespace {

using jot::detail::ArenaJsonDoc;
using jot::detail::JsonDoc;

// Through a const document, `object` is still writable only if it is mutable.
static_assert(
    std::is_same_v<decltype((std::declval<const JsonDoc&>().object)), boost::json::object&>,
    "JsonDoc::object is filled by a lazy document shared as const: it must be mutable");
// The arena it is allocated from, likewise (storage() on a const document).
static_assert(std::is_same_v<decltype(std::declval<const ArenaJsonDoc&>().storage()),
                             boost::json::storage_ptr>,
              "the arena is allocated from in a document shared as const: storage() is const");

TEST(JsonDoc, ConstDocumentFillsFromItsOwnArena) {
  const auto doc = std::make_shared<const ArenaJsonDoc>();
  auto parsed = jot::detail::parse_json_object(R"({"a":[1,2],"b":"x"})", {}, doc->storage());
  ASSERT_TRUE(parsed);
  doc->object = std::move(*parsed);  // same storage: a move, no copy
  EXPECT_EQ(doc->object.size(), 2U);
  EXPECT_TRUE(*doc->object.storage() == *doc->storage());
}

}  // namespace
