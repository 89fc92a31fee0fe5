#include "report.hpp"

#include <iostream>
#include <string>

#include "time_format.hpp"

namespace jot::cli {

int fail(int status, std::string_view message) {
  std::cerr << "jot: " << message << '\n';
  return status;
}

namespace {

// libjot's messages name the C++ option that would accept what they refuse; on the command
// line the flag is the answer.
struct OptionWords {
  std::string_view library;
  std::string_view flag;
};
constexpr OptionWords kOptionWords[] = {
    {"KeyOptions::insecure_allow_weak_secret", "--allow-weak-secret"},
    {"KeyOptions::insecure_allow_small_rsa", "--allow-insecure-key"},
    {"KeyOptions::passphrase", "--passphrase"},
};

std::string in_cli_words(std::string_view message) {
  std::string text(message);
  for (const OptionWords& words : kOptionWords) {
    if (const auto at = text.find(words.library); at != std::string::npos) {
      text.replace(at, words.library.size(), words.flag);
    }
  }
  return text;
}

}  // namespace

int fail(int status, const Error& error, std::string_view context) {
  std::cerr << "jot: ";
  if (!context.empty()) std::cerr << context << ": ";
  std::cerr << in_cli_words(error.message()) << '\n';
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
