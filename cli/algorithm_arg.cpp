#include "algorithm_arg.hpp"

namespace jot::cli {

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
  std::string out;
  for (const Algorithm alg : all_algorithms()) {
    if (alg == Algorithm::kNone) continue;
    if (!out.empty()) out += ", ";
    out += to_string(alg);
  }
  return out;
}

}  // namespace jot::cli
