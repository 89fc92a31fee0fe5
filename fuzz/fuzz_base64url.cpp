// base64url: the strict decoder must never crash, and every accepted text must be the one
// canonical encoding of its bytes (decode → encode gives the input back).
#include <cstdint>
#include <cstdlib>
#include <jot/base64url.hpp>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto decoded = jot::base64url::decode(text);
  if (decoded && jot::base64url::encode(*decoded) != text) std::abort();
  // Any bytes encode to text that decodes back to them.
  auto round = jot::base64url::decode(jot::base64url::encode(text));
  if (!round || *round != text) std::abort();
  return 0;
}
