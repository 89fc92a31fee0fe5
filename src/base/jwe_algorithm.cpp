// JWE algorithm names (RFC 7518 §4.1 and §5.1).

#include "jot/jwe_algorithm.hpp"

#include <array>
#include <cstddef>

namespace jot {
namespace {

constexpr std::array<std::string_view, 19> kKeyManagementNames{
    "dir",
    "A128KW",
    "A192KW",
    "A256KW",
    "A128GCMKW",
    "A192GCMKW",
    "A256GCMKW",
    "RSA-OAEP",
    "RSA-OAEP-256",
    "RSA-OAEP-384",
    "RSA-OAEP-512",
    "ECDH-ES",
    "ECDH-ES+A128KW",
    "ECDH-ES+A192KW",
    "ECDH-ES+A256KW",
    "PBES2-HS256+A128KW",
    "PBES2-HS384+A192KW",
    "PBES2-HS512+A256KW",
    "RSA1_5",
};
static_assert(static_cast<std::size_t>(KeyManagement::kRsa1_5) + 1 == kKeyManagementNames.size(),
              "kKeyManagementNames must name every KeyManagement in enum order");

constexpr std::array<std::string_view, 6> kContentEncryptionNames{
    "A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512",
};
static_assert(static_cast<std::size_t>(ContentEncryption::kA256CbcHs512) + 1 ==
                  kContentEncryptionNames.size(),
              "kContentEncryptionNames must name every ContentEncryption in enum order");

template <typename Enum, std::size_t N>
constexpr std::array<Enum, N> enumerate() {
  std::array<Enum, N> all{};
  for (std::size_t i = 0; i < N; ++i) all[i] = static_cast<Enum>(i);
  return all;
}
constexpr auto kAllKeyManagement = enumerate<KeyManagement, kKeyManagementNames.size()>();
constexpr auto kAllContentEncryption =
    enumerate<ContentEncryption, kContentEncryptionNames.size()>();

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::string_view, N>& names,
                           std::string_view name) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(KeyManagement alg) noexcept {
  const auto index = static_cast<std::size_t>(alg);
  return index < kKeyManagementNames.size() ? kKeyManagementNames[index] : "unknown";
}

std::string_view to_string(ContentEncryption enc) noexcept {
  const auto index = static_cast<std::size_t>(enc);
  return index < kContentEncryptionNames.size() ? kContentEncryptionNames[index] : "unknown";
}

std::optional<KeyManagement> key_management_from_string(std::string_view name) noexcept {
  return lookup<KeyManagement>(kKeyManagementNames, name);
}

std::optional<ContentEncryption> content_encryption_from_string(std::string_view name) noexcept {
  return lookup<ContentEncryption>(kContentEncryptionNames, name);
}

std::span<const KeyManagement> all_key_management() noexcept {
  return kAllKeyManagement;
}

std::span<const ContentEncryption> all_content_encryption() noexcept {
  return kAllContentEncryption;
}

std::size_t content_key_bytes(ContentEncryption enc) noexcept {
  switch (enc) {
    case ContentEncryption::kA128GCM:
      return 16;
    case ContentEncryption::kA192GCM:
      return 24;
    case ContentEncryption::kA256GCM:
    case ContentEncryption::kA128CbcHs256:
      return 32;
    case ContentEncryption::kA192CbcHs384:
      return 48;
    case ContentEncryption::kA256CbcHs512:
      return 64;
  }
  return 0;
}

}  // namespace jot
