// jot decrypt [TOKEN|-]: decrypts a compact JWE; prints the plaintext bytes exactly.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <jot/jwe.hpp>
#include <memory>
#include <vector>

#include "algorithm_arg.hpp"
#include "commands.hpp"
#include "encryption_key_options.hpp"
#include "io.hpp"
#include "report.hpp"

namespace jot::cli {

namespace {

struct DecryptArgs {
  std::string token;
  EncryptionKeyArgs key;
  std::vector<std::string> algs;
  std::vector<std::string> encs;
  std::vector<std::string> crit;
  std::uint32_t max_pbes2_count = 10000;
  bool allow_rsa1_5 = false;
};

// Without --alg: every key-management algorithm the key (or a key of the set) can decrypt
// with. RSA1_5 is never among them; it has to be named together with its opt-in.
std::vector<KeyManagement> default_algorithms(const LoadedKey& loaded) {
  std::vector<KeyManagement> out;
  auto add = [&out](const Key& key) {
    for (const KeyManagement alg : key.compatible_key_management()) {
      if (std::find(out.begin(), out.end(), alg) == out.end()) out.push_back(alg);
    }
  };
  if (const auto* single = std::get_if<Key>(&loaded)) {
    add(*single);
  } else {
    for (const Key& member : std::get<KeySet>(loaded).keys()) add(member);
  }
  return out;
}

Result<jwe::DecryptOptions> build_options(const DecryptArgs& args, const LoadedKey& loaded) {
  jwe::DecryptOptions options;
  for (const auto& name : args.algs) {
    auto alg = parse_key_management_arg(name);
    if (!alg) return std::move(alg).error();
    options.algorithms.push_back(*alg);
  }
  const bool rsa1_5 = std::find(options.algorithms.begin(), options.algorithms.end(),
                                KeyManagement::kRsa1_5) != options.algorithms.end();
  if (rsa1_5 && !args.allow_rsa1_5) {
    return Error(Errc::kInvalidOption,
                 "--alg RSA1_5 is refused: its decryption is a padding oracle (Bleichenbacher); "
                 "--allow-insecure-rsa1_5 accepts it");
  }
  if (args.allow_rsa1_5 && !rsa1_5) {
    return Error(Errc::kInvalidOption, "--allow-insecure-rsa1_5 needs --alg RSA1_5");
  }
  if (options.algorithms.empty()) {
    options.algorithms = default_algorithms(loaded);
    if (options.algorithms.empty()) {
      return Error(Errc::kInvalidOption, "the key cannot decrypt with any JWE algorithm");
    }
  }
  for (const auto& name : args.encs) {
    auto enc = parse_content_encryption_arg(name);
    if (!enc) return std::move(enc).error();
    options.encryptions.push_back(*enc);
  }
  options.understood_crit = args.crit;
  if (args.max_pbes2_count > jwe::kMaxPbes2Count) {
    return Error(Errc::kInvalidOption,
                 "--max-pbes2-count: at most " + std::to_string(jwe::kMaxPbes2Count));
  }
  options.max_pbes2_count = args.max_pbes2_count;
  options.insecure_allow_rsa1_5 = args.allow_rsa1_5;
  return options;
}

int run(const DecryptArgs& args) {
  auto loaded = load_encryption_key(args.key);
  if (!loaded) return fail(kExitUsage, loaded.error());
  auto options = build_options(args, *loaded);
  if (!options) return fail(kExitUsage, options.error());
  auto input = read_inline_or_stdin(args.token, "token");
  if (!input) return fail(kExitUsage, input.error());
  const std::string_view token = trim(*input);

  auto decrypted =
      std::visit([&](const auto& key) { return jwe::try_decrypt(token, key, *options); }, *loaded);
  if (!decrypted) {
    const int status = status_for_token_error(decrypted.error().code());
    fail(status, decrypted.error());
    if (decrypted.error().code() == Errc::kWeakKey) {
      fail(status, "hint: --allow-insecure-key accepts an RSA key under 2048 bits (insecure)");
    }
    return status;
  }
  const std::string& plaintext = decrypted->plaintext;
  std::cout.write(plaintext.data(), static_cast<std::streamsize>(plaintext.size()));
  // Bytes exactly for pipes and files; a terminal gets its prompt back on a line of its own.
  if (stdout_is_terminal() && (plaintext.empty() || plaintext.back() != '\n')) std::cout << '\n';
  std::cout.flush();
  if (!std::cout) return fail(kExitUsage, "cannot write the plaintext to stdout");
  return kExitOk;
}

}  // namespace

void register_decrypt(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<DecryptArgs>();
  CLI::App* cmd = app.add_subcommand(
      "decrypt", "Decrypt a compact JWE (RFC 7516); print the plaintext bytes exactly");
  cmd->add_option("token", args->token, "the JWE ('-' or nothing reads stdin)")
      ->type_name("TOKEN|-");
  add_encryption_key_options(*cmd, args->key);
  const char* checks = "Checks";
  cmd->add_option("--alg", args->algs,
                  "allowed key-management algorithm (repeat for several; default: those the key "
                  "can decrypt with, never RSA1_5)")
      ->type_name("ALG")
      ->allow_extra_args(false)
      ->group(checks);
  cmd->add_option("--enc", args->encs,
                  "allowed content encryption (repeat for several; default: all six)")
      ->type_name("ENC")
      ->allow_extra_args(false)
      ->group(checks);
  cmd->add_option("--crit", args->crit,
                  "a \"crit\" header member the caller understands (repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false)
      ->group(checks);
  cmd->add_option("--max-pbes2-count", args->max_pbes2_count,
                  "refuse PBES2 tokens whose p2c is above N before any work (default 10000, at "
                  "most 1000000)")
      ->type_name("N")
      ->group(checks);
  cmd->add_flag("--allow-insecure-rsa1_5", args->allow_rsa1_5,
                "accept RSA1_5 tokens (with --alg RSA1_5): RSAES-PKCS1-v1_5 decryption is a "
                "padding oracle (Bleichenbacher). Insecure")
      ->group(checks);
  // clang-format off
  cmd->footer(R"TXT(Exit status: 0 decrypted (the plaintext on stdout, no newline added unless stdout is a
terminal), 1 refused ("jot: <reason>" on stderr: wrong key or tag, disallowed alg or enc,
malformed token), 2 usage, key or I/O error.

Examples:
  jot decrypt --secret-base64url "$(cat kw.key)" --alg A256KW "$JWE"
  jot decrypt --key recipient.pem --alg ECDH-ES+A256KW --enc A256GCM - < token.jwe > report.pdf
  jot decrypt --password-file pw.txt --alg PBES2-HS256+A128KW "$JWE"
  jot decrypt --key rsa.pem --alg RSA-OAEP-256 "$JWE" | jot verify --key es256.pem.pub -   # nested JWT)TXT");
  // clang-format on
  cmd->callback([args, exit_code] { *exit_code = run(*args); });
}

}  // namespace jot::cli
