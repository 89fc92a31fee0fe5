// jot decode [TOKEN|-]: shows header and payload WITHOUT verifying anything.

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <jot/jwt.hpp>
#include <memory>

#include "commands.hpp"
#include "io.hpp"
#include "json_print.hpp"
#include "report.hpp"
#include "time_format.hpp"

namespace jot::cli {

namespace {

struct DecodeArgs {
  std::string token;
  std::string color = "auto";
};

bool use_colour(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  // https://no-color.org: a non-empty NO_COLOR turns colour off.
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return stdout_is_terminal();
}

// {"exp":"2026-...Z",...} for the numeric time claims present, "" when there are none.
std::string dates_member(const JsonObject& payload) {
  std::string members;
  for (const char* claim : {"iat", "nbf", "exp"}) {
    const auto seconds = payload.get_number(claim);
    if (!seconds) continue;
    const auto text = format_utc(*seconds);
    if (!members.empty()) members += ',';
    members += json_quote(claim);
    members += ':';
    members += json_quote(text ? *text : "out of range");
  }
  return members.empty() ? std::string() : ",\"dates\":{" + members + "}";
}

int run(const DecodeArgs& args) {
  auto input = read_inline_or_stdin(args.token, "token");
  if (!input) return fail(kExitUsage, input.error());
  auto token = unverified_decode(trim(*input));
  if (!token) return fail(status_for_token_error(token.error().code()), token.error());

  // One JSON document, so `jot decode T | jq .payload` works; the UTC dates of the time
  // claims go in a member of their own, leaving the payload exactly as it is in the token.
  const std::string document =
      "{\"header\":" + token->header().to_json() + ",\"payload\":" + token->payload().to_json() +
      ",\"signature\":" + json_quote(token->signature()) + dates_member(token->payload()) + "}";
  std::cout << pretty_json(document, use_colour(args.color)) << '\n';
  std::cout.flush();
  warn("the signature and claims were NOT verified; use 'jot verify' before trusting them");
  return kExitOk;
}

}  // namespace

void register_decode(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<DecodeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "decode", "Show a token's header and payload WITHOUT verifying it (for debugging)");
  cmd->add_option("token", args->token, "the token ('-' or nothing reads stdin)")
      ->type_name("TOKEN|-");
  cmd->add_option("--color", args->color,
                  "colour the JSON: auto (only on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
  // clang-format off
  cmd->footer(R"TXT(Prints {"header":...,"payload":...,"signature":"...","dates":{...}}: "dates" shows
iat/nbf/exp as UTC. A warning on stderr reminds that nothing was verified.

Examples:
  jot decode eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOjEyM30.x4jk...
  echo "$TOKEN" | jot decode - | jq -r .dates.exp)TXT");
  // clang-format on
  cmd->callback([args, exit_code] { *exit_code = run(*args); });
}

}  // namespace jot::cli
