#include "report.hpp"

#include <iostream>

#include "time_format.hpp"

namespace jot::cli {

int fail(int status, std::string_view message) {
  std::cerr << "jot: " << message << '\n';
  return status;
}

int fail(int status, const Error& error, std::string_view context) {
  std::cerr << "jot: ";
  if (!context.empty()) std::cerr << context << ": ";
  std::cerr << error.message() << '\n';
  // The date is what a user debugging an expired token wants next; keep it on its own line
  // so the first line stays the library's exact message for scripts that match on it.
  if (const auto date = error.date()) {
    const char* what = error.code() == Errc::kNotBefore ? "not valid before" : "expired at";
    if (const auto text = format_utc(*date)) std::cerr << "jot: " << what << ' ' << *text << '\n';
  }
  return status;
}

void warn(std::string_view message) {
  std::cerr << "jot: warning: " << message << '\n';
}

int status_for_token_error(Errc code) noexcept {
  switch (code) {
    // The key or the options cannot judge any token: the caller must fix the command.
    case Errc::kWeakKey:
    case Errc::kKeyParse:
    case Errc::kInvalidOption:
    case Errc::kInternal:
    case Errc::kOk:
    // The key set's URL could not be fetched: no token was judged.
    case Errc::kKeyFetch:
      return kExitUsage;
    // Everything else is a property of the token (including "this key cannot verify a token
    // with this alg", which jsonwebtoken also reports as a rejection).
    case Errc::kMalformed:
    case Errc::kInvalidSignature:
    case Errc::kAlgNotAllowed:
    case Errc::kKeyMismatch:
    case Errc::kExpired:
    case Errc::kNotBefore:
    case Errc::kClaimMissing:
    case Errc::kClaimMismatch:
    case Errc::kClaimInvalid:
    case Errc::kCritUnsupported:
    case Errc::kNoMatchingKey:
    case Errc::kMultipleMatchingKeys:
    case Errc::kLimitExceeded:
    case Errc::kUnsupported:
      return kExitRejected;
  }
  return kExitRejected;
}

}  // namespace jot::cli
