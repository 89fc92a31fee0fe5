// Timespan parsing (`ms` semantics): never crash; results are finite or absent.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <jot/timespan.hpp>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto ms = jot::parse_ms(text);
  if (ms && std::isnan(*ms)) std::abort();
  (void)jot::resolve_timespan(jot::Timespan(text), 1700000000.0);
  return 0;
}
