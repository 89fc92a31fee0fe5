#pragma once

// jot's error model.
//
// The library core never throws: every fallible call returns Result<T>, a small
// std::expected-like type (C++20 has no std::expected). Error carries a stable
// code (Errc, the contract callers branch on) and a message. Messages are the
// exact texts of jsonwebtoken v9 wherever that package defines one, so its users
// see familiar errors (docs/jsonwebtoken-compat.md).
//
// Result<T>::value() on an error throws the matching exception of the throwing
// facade: TokenExpiredError, NotBeforeError or JsonWebTokenError, mirroring
// jsonwebtoken's classes.
//
// Cost: an Error whose message is static text (the common rejections: "invalid
// signature", "jwt malformed", "jwt expired" ...) holds only a pointer; building
// and returning it never allocates.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace jot {

// Closed, stable set of error codes. Values never change meaning.
enum class Errc : std::uint8_t {
  kOk = 0,
  kMalformed,             // token/JSON/base64url structure is wrong
  kInvalidSignature,      // signature does not verify
  kAlgNotAllowed,         // header alg not in the allow-list ("invalid algorithm")
  kKeyMismatch,           // key type/curve cannot be used with this algorithm
  kWeakKey,               // key refused by policy (short secret, small RSA, ...)
  kKeyParse,              // key material could not be parsed
  kExpired,               // exp passed, or maxAge exceeded
  kNotBefore,             // nbf in the future
  kClaimMissing,          // a required claim is absent
  kClaimMismatch,         // aud/iss/sub/jti/nonce/typ differs from what is expected
  kClaimInvalid,          // a registered claim has the wrong type or range
  kCritUnsupported,       // header lists a critical extension jot does not understand
  kNoMatchingKey,         // key set has no key for this token
  kMultipleMatchingKeys,  // key set has several candidate keys and no kid to choose
  kInvalidOption,         // caller passed an invalid option (bad timespan, conflicts)
  kLimitExceeded,         // size or nesting depth limit exceeded
  kUnsupported,           // algorithm or key type jot does not implement
  kInternal,              // OpenSSL failed unexpectedly
  kKeyFetch,              // a remote key set (JWKS URL) could not be fetched or used
};

// Short stable name of a code, e.g. "invalid_signature".
std::string_view errc_name(Errc code) noexcept;

class Error {
 public:
  Error() = default;
  // `static_message` must have static storage duration (a string literal).
  constexpr Error(Errc code, const char* static_message) noexcept
      : code_(code), static_message_(static_message) {}
  Error(Errc code, std::string message) : code_(code), dynamic_message_(std::move(message)) {}

  Errc code() const noexcept { return code_; }
  std::string_view message() const noexcept {
    return static_message_ != nullptr ? std::string_view(static_message_)
                                      : std::string_view(dynamic_message_);
  }

  // For kExpired: the moment the token expired (exp, or iat+maxAge), seconds since the epoch.
  // For kNotBefore: the nbf date. Fractional seconds are kept, as in jsonwebtoken.
  std::optional<double> date() const noexcept { return date_; }
  Error&& with_date(double seconds) && noexcept {
    date_ = seconds;
    return std::move(*this);
  }

  // The claim or parameter a validation error is about ("exp", "aud", "alg" ...), if any.
  std::string_view subject() const noexcept { return subject_ != nullptr ? subject_ : ""; }
  Error&& about(const char* static_name) && noexcept {
    subject_ = static_name;
    return std::move(*this);
  }

  // Throws the exception class matching code(): TokenExpiredError, NotBeforeError,
  // or JsonWebTokenError.
  [[noreturn]] void raise() const;

 private:
  Errc code_ = Errc::kOk;
  const char* static_message_ = nullptr;
  const char* subject_ = nullptr;
  std::optional<double> date_;
  std::string dynamic_message_;
};

// ---- Throwing facade (jsonwebtoken's classes) ------------------------------------------

class JsonWebTokenError : public std::runtime_error {
 public:
  explicit JsonWebTokenError(Error error)
      : std::runtime_error(std::string(error.message())), error_(std::move(error)) {}
  Errc code() const noexcept { return error_.code(); }
  const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

class TokenExpiredError : public JsonWebTokenError {
 public:
  using JsonWebTokenError::JsonWebTokenError;
  // Seconds since the epoch at which the token expired.
  double expired_at() const noexcept { return error().date().value_or(0.0); }
};

class NotBeforeError : public JsonWebTokenError {
 public:
  using JsonWebTokenError::JsonWebTokenError;
  // Seconds since the epoch from which the token is valid.
  double date() const noexcept { return error().date().value_or(0.0); }
};

// ---- Result<T> --------------------------------------------------------------------------

template <typename T>
class [[nodiscard]] Result {
 public:
  using value_type = T;

  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit

  bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  // Throws the error's exception class when there is no value.
  T& value() & {
    if (!has_value()) std::get<1>(state_).raise();
    return std::get<0>(state_);
  }
  const T& value() const& {
    if (!has_value()) std::get<1>(state_).raise();
    return std::get<0>(state_);
  }
  T&& value() && {
    if (!has_value()) std::get<1>(state_).raise();
    return std::get<0>(std::move(state_));
  }

  T& operator*() & noexcept { return *std::get_if<0>(&state_); }
  const T& operator*() const& noexcept { return *std::get_if<0>(&state_); }
  T&& operator*() && noexcept { return std::move(*std::get_if<0>(&state_)); }
  T* operator->() noexcept { return std::get_if<0>(&state_); }
  const T* operator->() const noexcept { return std::get_if<0>(&state_); }

  const Error& error() const& noexcept { return *std::get_if<1>(&state_); }
  Error&& error() && noexcept { return std::move(*std::get_if<1>(&state_)); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  using value_type = void;

  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit

  bool has_value() const noexcept { return !error_.has_value(); }
  explicit operator bool() const noexcept { return has_value(); }
  void value() const {
    if (error_) error_->raise();
  }
  const Error& error() const& noexcept { return *error_; }
  Error&& error() && noexcept { return std::move(*error_); }

 private:
  std::optional<Error> error_;
};

}  // namespace jot
