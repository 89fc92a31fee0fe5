// Error codes' stable names and the throwing facade's dispatch.

#include "jot/error.hpp"

namespace jot {

std::string_view errc_name(Errc code) noexcept {
  switch (code) {
    case Errc::kOk:
      return "ok";
    case Errc::kMalformed:
      return "malformed";
    case Errc::kInvalidSignature:
      return "invalid_signature";
    case Errc::kAlgNotAllowed:
      return "alg_not_allowed";
    case Errc::kKeyMismatch:
      return "key_mismatch";
    case Errc::kWeakKey:
      return "weak_key";
    case Errc::kKeyParse:
      return "key_parse";
    case Errc::kExpired:
      return "expired";
    case Errc::kNotBefore:
      return "not_before";
    case Errc::kClaimMissing:
      return "claim_missing";
    case Errc::kClaimMismatch:
      return "claim_mismatch";
    case Errc::kClaimInvalid:
      return "claim_invalid";
    case Errc::kCritUnsupported:
      return "crit_unsupported";
    case Errc::kNoMatchingKey:
      return "no_matching_key";
    case Errc::kMultipleMatchingKeys:
      return "multiple_matching_keys";
    case Errc::kInvalidOption:
      return "invalid_option";
    case Errc::kLimitExceeded:
      return "limit_exceeded";
    case Errc::kUnsupported:
      return "unsupported";
    case Errc::kInternal:
      return "internal";
    case Errc::kKeyFetch:
      return "key_fetch";
  }
  // A value outside the enumeration (a cast from a foreign integer): never crash.
  return "unknown";
}

void Error::raise() const {
  // The exception classes mirror jsonwebtoken's: callers catch TokenExpiredError and
  // NotBeforeError specifically, everything else as JsonWebTokenError.
  switch (code_) {
    case Errc::kExpired:
      throw TokenExpiredError(*this);
    case Errc::kNotBefore:
      throw NotBeforeError(*this);
    default:
      throw JsonWebTokenError(*this);
  }
}

}  // namespace jot
