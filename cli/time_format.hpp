#pragma once

// Dates and durations on the command line.

#include <jot/error.hpp>
#include <jot/timespan.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace jot::cli {

// "2026-11-28T19:07:32Z" (milliseconds are shown when the value has a fraction); nullopt
// for a value outside years 0000-9999 or not finite.
std::optional<std::string> format_utc(double seconds_since_epoch);

// A timespan argument (--exp, --nbf, --max-age). A plain number (optionally signed, with a
// fraction) is SECONDS, as in jwt-cli and as jsonwebtoken treats a numeric expiresIn; any
// other text is parsed by the rules of npm `ms` ("90s", "15m", "1h", "7d", "1.5 hours").
// Note that `ms` alone would read "100" as 100 milliseconds: the CLI does not.
Result<Timespan> parse_timespan_arg(std::string_view text, std::string_view option);

}  // namespace jot::cli
