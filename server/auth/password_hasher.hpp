#pragma once

// Argon2id password hashing (RFC 9106) with the reference implementation (libargon2).
//
// Parameters follow OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane): about 30 ms
// per hash on one core, and 19 MiB per concurrent login, which the server bounds by running
// logins on a small pool.

#include <string>
#include <string_view>

#include "jot/error.hpp"

namespace jot::server {

class PasswordHasher {
 public:
  PasswordHasher();

  // The PHC string "$argon2id$v=19$m=...,t=...,p=...$salt$hash" with a fresh random salt.
  Result<std::string> hash(std::string_view password) const;
  // True when `password` matches `encoded`. Constant time in the password (libargon2
  // compares the tags in constant time).
  bool verify(std::string_view encoded, std::string_view password) const noexcept;
  // Does the work of one verify() and returns false: used for unknown users so that they
  // cost the same time as a wrong password and cannot be told apart.
  void verify_dummy(std::string_view password) const noexcept;

  static constexpr std::uint32_t kTimeCost = 2;
  static constexpr std::uint32_t kMemoryKiB = 19 * 1024;
  static constexpr std::uint32_t kLanes = 1;

 private:
  std::string dummy_;  // a hash of a random password, same parameters
};

}  // namespace jot::server
