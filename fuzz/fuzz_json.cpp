// Strict JSON (header/payload/JWK parsing): never crash; an accepted object serialises to
// text that parses again to the same serialisation.
#include <cstdint>
#include <cstdlib>
#include <jot/json_object.hpp>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = jot::JsonObject::parse(text);
  if (!parsed) return 0;
  const std::string once = parsed->to_json();
  auto again = jot::JsonObject::parse(once);
  if (!again || again->to_json() != once) std::abort();
  for (auto name : parsed->names()) {
    if (!parsed->contains(name)) std::abort();
    (void)parsed->get_number(name);
    (void)parsed->get_string(name);
    (void)parsed->get_string_array(name);
  }
  return 0;
}
