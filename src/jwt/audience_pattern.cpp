// AudiencePattern: std::regex behind an opaque handle, run in time linear in the target.
//
// libstdc++'s default matcher backtracks: exponential time for some patterns, and a recursion
// per character of the target (a 64 KiB `aud` overflows the stack). Its `__polynomial` option
// selects the Thompson-NFA executor instead: state sets, no backtracking, recursion bounded
// by the automaton. That executor still restarts regex_search at every position (quadratic),
// so the pattern is compiled as `[\s\S]*(?:source)` and matched once from the first position
// (match_continuous): one pass, linear in the target. `^` keeps its meaning, since it matches
// only at the start of the target either way; the added group captures nothing.

#include <regex>
#include <string>

#include "jot/jwt.hpp"

#if !defined(__GLIBCXX__)
#error "AudiencePattern relies on libstdc++'s std::regex_constants::__polynomial"
#endif

namespace jot {

struct AudiencePattern::Compiled {
  std::string source;
  std::regex anywhere;  // [\s\S]*(?:source)
};

Result<AudiencePattern> AudiencePattern::compile(std::string_view source) {
  auto compiled = std::make_shared<Compiled>();
  compiled->source = std::string(source);
  try {
    // The source alone first: a well-formed expression stays one unit inside the group (a
    // source such as "a)|(b" must not turn into a top-level alternation).
    const std::regex alone(compiled->source,
                           std::regex::ECMAScript | std::regex_constants::__polynomial);
    compiled->anywhere = std::regex(
        "[\\s\\S]*(?:" + compiled->source + ")",
        std::regex::ECMAScript | std::regex::optimize | std::regex_constants::__polynomial);
  } catch (const std::regex_error& e) {
    return Error(Errc::kInvalidOption,
                 "invalid audience pattern /" + compiled->source + "/: " + e.what());
  }
  return AudiencePattern(std::move(compiled));
}

const std::string& AudiencePattern::source() const noexcept {
  return compiled_->source;
}

bool AudiencePattern::found_in(std::string_view target) const {
  return std::regex_search(target.begin(), target.end(), compiled_->anywhere,
                           std::regex_constants::match_continuous);
}

}  // namespace jot
