#pragma once

// The CLI's contract for scripts: exit status and what goes to stderr.
//
//   0  the operation succeeded (for verify: the token is valid)
//   1  the token was rejected (verify, decode); stderr says why, in the library's words
//   2  usage, key or I/O error: the command could not judge the token at all
//
// stdout carries only the result, so `jot verify ... | jq` never sees diagnostics.

#include <jot/error.hpp>
#include <string_view>

namespace jot::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRejected = 1;
inline constexpr int kExitUsage = 2;

// Prints "jot: <message>" on stderr and returns `status`.
int fail(int status, std::string_view message);
// Prints "jot: <context>: <error message>" (or "jot: <error message>" when `context` is
// empty), plus the expiry / not-before date when the error carries one. Returns `status`.
int fail(int status, const Error& error, std::string_view context = {});

// A warning on stderr ("jot: warning: ..."); never changes the exit status.
void warn(std::string_view message);

// The exit status for an error returned while verifying or decoding a token: 1 when the
// token itself is at fault, 2 when the key, the options or the environment are.
int status_for_token_error(Errc code) noexcept;

}  // namespace jot::cli
