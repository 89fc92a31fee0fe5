#include "algorithm_arg.hpp"

namespace jot::cli {

namespace {

// "a, b, c" from the JOSE names of `values`, skipping `skip`.
template <typename Values, typename Value>
std::string join_names(const Values& values, std::optional<Value> skip) {
  std::string out;
  for (const auto value : values) {
    if (skip && value == *skip) continue;
    if (!out.empty()) out += ", ";
    out += to_string(value);
  }
  return out;
}

}  // namespace

Result<Algorithm> parse_algorithm_arg(std::string_view name) {
  const auto alg = algorithm_from_string(name);
  if (!alg) {
    return Error(Errc::kInvalidOption, "--alg: unknown algorithm '" + std::string(name) +
                                           "' (one of " + algorithm_list() + ")");
  }
  if (*alg == Algorithm::kNone) {
    return Error(Errc::kInvalidOption,
                 "--alg: 'none' (unsecured tokens) is not available from the command line");
  }
  return *alg;
}

std::string algorithm_list() {
  return join_names(all_algorithms(), std::optional(Algorithm::kNone));
}

Result<KeyManagement> parse_key_management_arg(std::string_view name) {
  const auto alg = key_management_from_string(name);
  if (!alg) {
    return Error(Errc::kInvalidOption, "--alg: unknown key-management algorithm '" +
                                           std::string(name) + "' (one of " +
                                           key_management_list() + ")");
  }
  return *alg;
}

Result<ContentEncryption> parse_content_encryption_arg(std::string_view name) {
  const auto enc = content_encryption_from_string(name);
  if (!enc) {
    return Error(Errc::kInvalidOption, "--enc: unknown content encryption '" + std::string(name) +
                                           "' (one of " + content_encryption_list() + ")");
  }
  return *enc;
}

std::string key_management_list() {
  return join_names(all_key_management(), std::optional<KeyManagement>());
}

std::string content_encryption_list() {
  return join_names(all_content_encryption(), std::optional<ContentEncryption>());
}

}  // namespace jot::cli
