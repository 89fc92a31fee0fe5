// JWA algorithm names (RFC 7518 §3.1, RFC 8037 §3.1, RFC 8812 §3.2).

#include "jot/algorithm.hpp"

#include <array>
#include <cstddef>

namespace jot {
namespace {

struct AlgorithmInfo {
  Algorithm alg;
  std::string_view name;
  AlgorithmFamily family;
};

// Indexed by the enumerator's value; the static_assert below keeps it in step with the enum.
constexpr std::array<AlgorithmInfo, 15> kAlgorithms{{
    {Algorithm::kHS256, "HS256", AlgorithmFamily::kHmac},
    {Algorithm::kHS384, "HS384", AlgorithmFamily::kHmac},
    {Algorithm::kHS512, "HS512", AlgorithmFamily::kHmac},
    {Algorithm::kRS256, "RS256", AlgorithmFamily::kRsaPkcs1},
    {Algorithm::kRS384, "RS384", AlgorithmFamily::kRsaPkcs1},
    {Algorithm::kRS512, "RS512", AlgorithmFamily::kRsaPkcs1},
    {Algorithm::kPS256, "PS256", AlgorithmFamily::kRsaPss},
    {Algorithm::kPS384, "PS384", AlgorithmFamily::kRsaPss},
    {Algorithm::kPS512, "PS512", AlgorithmFamily::kRsaPss},
    {Algorithm::kES256, "ES256", AlgorithmFamily::kEcdsa},
    {Algorithm::kES384, "ES384", AlgorithmFamily::kEcdsa},
    {Algorithm::kES512, "ES512", AlgorithmFamily::kEcdsa},
    {Algorithm::kES256K, "ES256K", AlgorithmFamily::kEcdsa},
    {Algorithm::kEdDSA, "EdDSA", AlgorithmFamily::kEdDSA},
    {Algorithm::kNone, "none", AlgorithmFamily::kNone},
}};

constexpr bool table_matches_enum() {
  for (std::size_t i = 0; i < kAlgorithms.size(); ++i) {
    if (static_cast<std::size_t>(kAlgorithms[i].alg) != i) return false;
  }
  return static_cast<std::size_t>(Algorithm::kNone) + 1 == kAlgorithms.size();
}
static_assert(table_matches_enum(), "kAlgorithms must list every Algorithm in enum order");

constexpr std::array<Algorithm, kAlgorithms.size()> make_all() {
  std::array<Algorithm, kAlgorithms.size()> all{};
  for (std::size_t i = 0; i < kAlgorithms.size(); ++i) all[i] = kAlgorithms[i].alg;
  return all;
}
constexpr std::array<Algorithm, kAlgorithms.size()> kAll = make_all();

// An out-of-range value (cast from a foreign integer) must not index past the table.
const AlgorithmInfo* find(Algorithm alg) noexcept {
  const auto index = static_cast<std::size_t>(alg);
  return index < kAlgorithms.size() ? &kAlgorithms[index] : nullptr;
}

}  // namespace

std::string_view to_string(Algorithm alg) noexcept {
  const AlgorithmInfo* info = find(alg);
  return info != nullptr ? info->name : std::string_view("unknown");
}

std::optional<Algorithm> algorithm_from_string(std::string_view name) noexcept {
  // Exact, case-sensitive match (RFC 7515 §4.1.1): "hs256" or "None" are not algorithms.
  for (const AlgorithmInfo& info : kAlgorithms) {
    if (info.name == name) return info.alg;
  }
  return std::nullopt;
}

std::span<const Algorithm> all_algorithms() noexcept {
  return kAll;
}

AlgorithmFamily family_of(Algorithm alg) noexcept {
  const AlgorithmInfo* info = find(alg);
  // Unknown values are treated as the family that is never accepted by default.
  return info != nullptr ? info->family : AlgorithmFamily::kNone;
}

}  // namespace jot
