// Strict JSON (header, payload and JWK parsing): never crash; an accepted object
// serialises to text that parses again to the same serialisation; relaxing a limit never
// turns an accepted text into a rejected or different one; the typed accessors agree with
// each other.
#include <cmath>
#include <cstdint>
#include <jot/json_object.hpp>
#include <string>

#include "fuzz_support.hpp"

using jot::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = jot::fuzz::as_text(data, size);
  auto parsed = jot::JsonObject::parse(text);
  const jot::JsonLimits lax{.max_bytes = 1 << 20, .max_depth = 64, .allow_duplicate_members = true};
  auto relaxed = jot::JsonObject::parse(text, lax);
  if (!parsed) {
    require(!parsed.error().message().empty(), "rejection has a message");
    return 0;
  }
  const std::string once = parsed->to_json();
  require(relaxed.has_value() && relaxed->to_json() == once, "relaxed limits accept the same");
  auto again = jot::JsonObject::parse(once);
  require(again.has_value() && again->to_json() == once, "serialisation is a fixed point");

  const auto names = parsed->names();
  require(names.size() == parsed->size(), "names() lists every member");
  for (auto name : names) {
    require(parsed->contains(name), "a listed name is contained");
    auto json = parsed->get_json(name);
    require(json.has_value(), "every member serialises");
    const auto number = parsed->get_number(name);
    if (auto integer = parsed->get_integer(name)) {
      require(number.has_value() && *number == static_cast<double>(*integer),
              "get_integer agrees with get_number");
    }
    if (number) require(std::isfinite(*number), "numbers are finite");
    if (auto string = parsed->get_string(name)) {
      require(!number && !parsed->get_bool(name) && !parsed->is_null(name), "one type per member");
    }
    (void)parsed->get_string_array(name);
  }
  return 0;
}
