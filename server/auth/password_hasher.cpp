#include "auth/password_hasher.hpp"

#include <argon2.h>
#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <vector>

namespace jot::server {

namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kTagBytes = 32;

// The kernel's CSPRNG; loops over short reads and EINTR.
bool random_bytes(unsigned char* out, std::size_t size) noexcept {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::getrandom(out + done, size - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

PasswordHasher::PasswordHasher() {
  std::array<unsigned char, 32> random_password{};
  if (random_bytes(random_password.data(), random_password.size())) {
    auto h = hash(std::string_view(reinterpret_cast<const char*>(random_password.data()),
                                   random_password.size()));
    if (h) dummy_ = std::move(*h);
  }
}

Result<std::string> PasswordHasher::hash(std::string_view password) const {
  std::array<unsigned char, kSaltBytes> salt{};
  if (!random_bytes(salt.data(), salt.size())) {
    return Error(Errc::kInternal, "no randomness for the password salt");
  }
  const std::size_t encoded_size =
      argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltBytes, kTagBytes, Argon2_id);
  std::vector<char> encoded(encoded_size);
  const int rc =
      argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(),
                            salt.data(), salt.size(), kTagBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    return Error(Errc::kInternal, std::string("argon2: ") + argon2_error_message(rc));
  }
  return std::string(encoded.data());
}

bool PasswordHasher::verify(std::string_view encoded, std::string_view password) const noexcept {
  // argon2id_verify needs a NUL-terminated hash; a stored hash never holds a NUL.
  if (encoded.empty() || encoded.find('\0') != std::string_view::npos) return false;
  try {
    const std::string z(encoded);
    return argon2id_verify(z.c_str(), password.data(), password.size()) == ARGON2_OK;
  } catch (...) {
    return false;
  }
}

void PasswordHasher::verify_dummy(std::string_view password) const noexcept {
  (void)verify(dummy_, password);
}

}  // namespace jot::server
