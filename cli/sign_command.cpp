// jot sign [PAYLOAD_JSON|-]: prints a signed token and a newline.

#include <CLI/CLI.hpp>
#include <iostream>
#include <jot/jwt.hpp>
#include <memory>
#include <vector>

#include "algorithm_arg.hpp"
#include "commands.hpp"
#include "io.hpp"
#include "key_options.hpp"
#include "report.hpp"
#include "time_format.hpp"

namespace jot::cli {

namespace {

struct SignArgs {
  std::string payload;
  KeyArgs key;
  std::string alg;
  std::string exp;
  std::string nbf;
  std::vector<std::string> aud;
  std::string iss;
  std::string sub;
  std::string jti;
  std::string kid;
  std::string typ;
  std::string header;
  bool no_iat = false;
  std::int64_t now = 0;
  CLI::Option* payload_opt = nullptr;
  CLI::Option* exp_opt = nullptr;
  CLI::Option* nbf_opt = nullptr;
  CLI::Option* iss_opt = nullptr;
  CLI::Option* sub_opt = nullptr;
  CLI::Option* jti_opt = nullptr;
  CLI::Option* kid_opt = nullptr;
  CLI::Option* typ_opt = nullptr;
  CLI::Option* now_opt = nullptr;
  CLI::Option* alg_opt = nullptr;
};

// The payload text: "{}" when omitted (claims then come from the options), stdin for "-".
Result<std::string> read_payload(const SignArgs& args) {
  if (args.payload_opt->count() == 0) return std::string("{}");
  auto text = read_inline_or_stdin(args.payload, "payload");
  if (!text) return text;
  return std::string(trim(*text));
}

int run(const SignArgs& args) {
  SignOptions options;
  if (args.alg_opt->count() != 0) {
    auto alg = parse_algorithm_arg(args.alg);
    if (!alg) return fail(kExitUsage, alg.error());
    options.algorithm = *alg;
  }
  if (args.exp_opt->count() != 0) {
    auto span = parse_timespan_arg(args.exp, "--exp");
    if (!span) return fail(kExitUsage, span.error());
    options.expires_in = std::move(*span);
  }
  if (args.nbf_opt->count() != 0) {
    auto span = parse_timespan_arg(args.nbf, "--nbf");
    if (!span) return fail(kExitUsage, span.error());
    options.not_before = std::move(*span);
  }
  options.audience = args.aud;
  if (args.iss_opt->count() != 0) options.issuer = args.iss;
  if (args.sub_opt->count() != 0) options.subject = args.sub;
  if (args.jti_opt->count() != 0) options.jwtid = args.jti;
  if (args.kid_opt->count() != 0) options.keyid = args.kid;
  if (args.typ_opt->count() != 0) options.typ = args.typ;
  options.header_json = args.header;
  options.no_timestamp = args.no_iat;
  if (args.now_opt->count() != 0) options.timestamp = args.now;

  auto payload = read_payload(args);
  if (!payload) return fail(kExitUsage, payload.error());
  auto loaded = load_key(args.key);
  if (!loaded) return fail(kExitUsage, loaded.error());
  auto key = choose_key(*loaded, args.kid_opt->count() != 0 ? &args.kid : nullptr);
  if (!key) return fail(kExitUsage, key.error());

  auto token = try_sign(*payload, *key, options);
  if (!token) {
    if (token.error().code() == Errc::kWeakKey) {
      fail(kExitUsage, token.error());
      return fail(kExitUsage,
                  "hint: --allow-weak-secret / --allow-insecure-key accept such keys (insecure)");
    }
    return fail(kExitUsage, token.error());
  }
  std::cout << *token << '\n';
  return kExitOk;
}

}  // namespace

void register_sign(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<SignArgs>();
  CLI::App* cmd = app.add_subcommand("sign", "Sign a JSON payload; print the token");
  args->payload_opt = cmd->add_option("payload", args->payload,
                                      "the claims, a JSON object ('-' reads stdin; default {})")
                          ->type_name("PAYLOAD_JSON|-");
  add_key_options(*cmd, args->key);
  const char* claims = "Claims and header";
  args->alg_opt = cmd->add_option("--alg", args->alg,
                                  "algorithm (default: HS256 for secrets, else the key's own: "
                                  "RS256, ES256/384/512, ES256K, EdDSA)")
                      ->type_name("ALG")
                      ->group(claims);
  args->exp_opt =
      cmd->add_option("--exp", args->exp, "expires in: seconds, or a duration like 15m, 1h, 7d")
          ->type_name("TIMESPAN")
          ->group(claims);
  args->nbf_opt = cmd->add_option("--nbf", args->nbf, "not valid before iat + TIMESPAN")
                      ->type_name("TIMESPAN")
                      ->group(claims);
  cmd->add_option("--aud", args->aud, "audience (repeat for several: aud becomes an array)")
      ->type_name("TEXT")
      ->allow_extra_args(false)
      ->group(claims);
  args->iss_opt = cmd->add_option("--iss", args->iss, "issuer")->type_name("TEXT")->group(claims);
  args->sub_opt = cmd->add_option("--sub", args->sub, "subject")->type_name("TEXT")->group(claims);
  args->jti_opt = cmd->add_option("--jti", args->jti, "token id")->type_name("TEXT")->group(claims);
  args->kid_opt = cmd->add_option("--kid", args->kid,
                                  "header kid (default: the key's kid); with a JWK Set, also "
                                  "chooses the signing key")
                      ->type_name("TEXT")
                      ->group(claims);
  args->typ_opt = cmd->add_option("--typ", args->typ, "header typ (default JWT)")
                      ->type_name("TEXT")
                      ->group(claims);
  cmd->add_option("--header", args->header, "extra header members, a JSON object")
      ->type_name("JSON")
      ->group(claims);
  cmd->add_flag("--no-iat", args->no_iat, "do not add iat")->group(claims);
  args->now_opt = cmd->add_option("--now", args->now,
                                  "sign as if the time were UNIX_SECONDS (iat, and the base "
                                  "of --exp/--nbf)")
                      ->type_name("UNIX_SECONDS")
                      ->group(claims);
  // clang-format off
  cmd->footer(R"TXT(TIMESPAN: a plain number is seconds (3600); text uses units: 90s, 15m, 1h, 7d, "1.5 hours".

Examples:
  jot sign --secret-base64url "$(cat hs256.key)" --exp 1h --sub alice '{"role":"admin"}'
  jot keygen --alg ES256 --out es256.pem && jot sign --key es256.pem '{"userId":123}'
  echo '{"userId":123}' | jot sign --secret mysecret --allow-weak-secret -
  jot sign --key jwks.json --kid 2024-01 --aud api --aud admin '{}')TXT");
  // clang-format on
  cmd->callback([args, exit_code] { *exit_code = run(*args); });
}

}  // namespace jot::cli
