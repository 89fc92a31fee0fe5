// jot verify [TOKEN|-]: checks signature and claims; prints the payload when valid.

#include <CLI/CLI.hpp>
#include <cmath>
#include <iostream>
#include <jot/jwt.hpp>
#include <memory>
#include <string>
#include <vector>

#include "algorithm_arg.hpp"
#include "commands.hpp"
#include "io.hpp"
#include "json_print.hpp"
#include "key_options.hpp"
#include "remote_key_options.hpp"
#include "report.hpp"
#include "time_format.hpp"

namespace jot::cli {

namespace {

struct VerifyArgs {
  std::string token;
  KeyArgs key;
  RemoteKeyArgs remote;
  std::vector<std::string> algs;
  std::vector<std::string> aud;
  std::vector<std::string> aud_regex;
  std::vector<std::string> iss;
  std::string sub;
  std::string jti;
  std::string nonce;
  std::string max_age;
  double clock_tolerance = 0;
  bool allow_long_clock_tolerance = false;
  bool ignore_exp = false;
  bool ignore_nbf = false;
  std::vector<std::string> require;
  std::string typ;
  std::int64_t now = 0;
  bool complete = false;
  CLI::Option* sub_opt = nullptr;
  CLI::Option* jti_opt = nullptr;
  CLI::Option* nonce_opt = nullptr;
  CLI::Option* max_age_opt = nullptr;
  CLI::Option* typ_opt = nullptr;
  CLI::Option* now_opt = nullptr;
};

Result<VerifyOptions> build_options(const VerifyArgs& args) {
  VerifyOptions options;
  for (const auto& name : args.algs) {
    auto alg = parse_algorithm_arg(name);
    if (!alg) return std::move(alg).error();
    options.algorithms.push_back(*alg);
  }
  for (const auto& aud : args.aud) options.audience.emplace_back(aud);
  for (const auto& pattern : args.aud_regex) {
    auto compiled = AudiencePattern::compile(pattern);
    if (!compiled) {
      return Error(Errc::kInvalidOption, "--aud-regex: " + std::string(compiled.error().message()));
    }
    options.audience.emplace_back(std::move(*compiled));
  }
  options.issuer = args.iss;
  if (args.sub_opt->count() != 0) options.subject = args.sub;
  if (args.jti_opt->count() != 0) options.jwtid = args.jti;
  if (args.nonce_opt->count() != 0) options.nonce = args.nonce;
  if (args.max_age_opt->count() != 0) {
    auto span = parse_timespan_arg(args.max_age, "--max-age");
    if (!span) return std::move(span).error();
    options.max_age = std::move(*span);
  }
  if (!std::isfinite(args.clock_tolerance) || args.clock_tolerance < 0) {
    return Error(Errc::kInvalidOption, "--clock-tolerance: must be a number of seconds >= 0");
  }
  if (args.clock_tolerance > kMaxClockTolerance && !args.allow_long_clock_tolerance) {
    return Error(Errc::kInvalidOption,
                 "--clock-tolerance: at most 300 seconds (more accepts tokens expired that long "
                 "ago); add --insecure-allow-long-clock-tolerance to allow it");
  }
  options.clock_tolerance = args.clock_tolerance;
  options.insecure_allow_long_clock_tolerance = args.allow_long_clock_tolerance;
  options.ignore_expiration = args.ignore_exp;
  options.ignore_not_before = args.ignore_nbf;
  options.required_claims = args.require;
  if (args.typ_opt->count() != 0) options.typ = args.typ;
  if (args.now_opt->count() != 0) options.clock_timestamp = args.now;
  return options;
}

// The key the options name: a key or key set, or a resolver fetching from --jwks-url.
using KeySource = std::variant<Key, KeySet, KeyResolver>;

Result<KeySource> key_source(const VerifyArgs& args) {
  if (remote_key_given(args.remote)) {
    if (key_source_given(args.key)) {
      return Error(Errc::kInvalidOption,
                   "give either --jwks-url or one of --secret, --secret-file, "
                   "--secret-base64url and --key");
    }
    auto resolver = make_remote_resolver(args.remote, key_policy(args.key));
    if (!resolver) return std::move(resolver).error();
    return KeySource(std::move(*resolver));
  }
  auto loaded = load_key(args.key);
  if (!loaded) return std::move(loaded).error();
  return std::visit([](auto&& key) { return KeySource(std::move(key)); }, std::move(*loaded));
}

int run(const VerifyArgs& args) {
  auto options = build_options(args);
  if (!options) return fail(kExitUsage, options.error());
  auto source = key_source(args);
  if (!source) return fail(kExitUsage, source.error());
  auto input = read_inline_or_stdin(args.token, "token");
  if (!input) return fail(kExitUsage, input.error());
  const std::string_view token = trim(*input);

  auto verified =
      std::visit([&](const auto& key) { return try_verify(token, key, *options); }, *source);
  if (!verified) {
    const int status = status_for_token_error(verified.error().code());
    fail(status, verified.error());
    if (verified.error().code() == Errc::kWeakKey) {
      fail(status, "hint: --allow-weak-secret / --allow-insecure-key accept such keys (insecure)");
    }
    return status;
  }
  if (args.complete) {
    std::cout << "{\"header\":" << verified->header().to_json()
              << ",\"payload\":" << verified->payload().to_json()
              << ",\"signature\":" << json_quote(verified->signature()) << "}\n";
  } else {
    std::cout << verified->payload().to_json() << '\n';
  }
  return kExitOk;
}

}  // namespace

void register_verify(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<VerifyArgs>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "Verify a token's signature and claims; print its payload when valid");
  cmd->add_option("token", args->token, "the token ('-' or nothing reads stdin)")
      ->type_name("TOKEN|-");
  add_key_options(*cmd, args->key);
  add_remote_key_options(*cmd, args->remote);
  const char* checks = "Checks";
  cmd->add_option("--alg", args->algs,
                  "allowed algorithm (repeat for several; default: those the key can verify)")
      ->type_name("ALG")
      ->allow_extra_args(false)
      ->group(checks);
  cmd->add_option("--aud", args->aud, "expected audience (repeat: any one must match)")
      ->type_name("TEXT")
      ->allow_extra_args(false)
      ->group(checks);
  cmd->add_option("--aud-regex", args->aud_regex,
                  "expected audience as an ECMAScript regular expression (searched in aud)")
      ->type_name("REGEX")
      ->allow_extra_args(false)
      ->group(checks);
  cmd->add_option("--iss", args->iss, "expected issuer (repeat: any one must match)")
      ->type_name("TEXT")
      ->allow_extra_args(false)
      ->group(checks);
  args->sub_opt =
      cmd->add_option("--sub", args->sub, "expected subject")->type_name("TEXT")->group(checks);
  args->jti_opt =
      cmd->add_option("--jti", args->jti, "expected token id")->type_name("TEXT")->group(checks);
  args->nonce_opt = cmd->add_option("--nonce", args->nonce, "expected nonce (OpenID Connect)")
                        ->type_name("TEXT")
                        ->group(checks);
  args->max_age_opt =
      cmd->add_option("--max-age", args->max_age, "reject tokens whose iat is older than TIMESPAN")
          ->type_name("TIMESPAN")
          ->group(checks);
  cmd->add_option("--clock-tolerance", args->clock_tolerance,
                  "seconds of clock skew allowed for exp and nbf (at most 300)")
      ->type_name("SECONDS")
      ->group(checks);
  cmd->add_flag("--insecure-allow-long-clock-tolerance", args->allow_long_clock_tolerance,
                "allow --clock-tolerance above 300 s (accepts tokens expired that long ago)")
      ->group(checks);
  cmd->add_flag("--ignore-exp", args->ignore_exp, "do not check exp")->group(checks);
  cmd->add_flag("--ignore-nbf", args->ignore_nbf, "do not check nbf")->group(checks);
  cmd->add_option("--require", args->require, "claim that must be present (repeatable)")
      ->type_name("CLAIM")
      ->allow_extra_args(false)
      ->group(checks);
  args->typ_opt = cmd->add_option("--typ", args->typ, "expected header typ (case-insensitive)")
                      ->type_name("TEXT")
                      ->group(checks);
  args->now_opt = cmd->add_option("--now", args->now, "verify as if the time were UNIX_SECONDS")
                      ->type_name("UNIX_SECONDS")
                      ->group(checks);
  cmd->add_flag("--complete", args->complete,
                "print {\"header\":...,\"payload\":...,\"signature\":...} instead of the payload");
  // clang-format off
  cmd->footer(R"TXT(Exit status: 0 valid (payload JSON on stdout), 1 rejected ("jot: <reason>" on stderr),
2 usage, key or I/O error.

Examples:
  jot verify --key hs256.jwk "$TOKEN"   # jot keygen --alg HS256 --format jwk --out hs256.jwk
  jot verify --key es256.pem.pub --aud api --iss https://issuer.example "$TOKEN"
  echo "$TOKEN" | jot verify --key jwks.json --alg RS256 --require sub -
  jot verify --key public.pem --complete "$TOKEN" | jq .header
  jot verify --jwks-url https://idp.example/.well-known/jwks.json --iss https://idp.example/ "$TOKEN")TXT");
  // clang-format on
  cmd->callback([args, exit_code] { *exit_code = run(*args); });
}

}  // namespace jot::cli
