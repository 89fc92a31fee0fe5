// jot encrypt --alg ALG --enc ENC [PLAINTEXT|-]: prints a compact JWE and a newline.

#include <CLI/CLI.hpp>
#include <iostream>
#include <jot/jwe.hpp>
#include <memory>

#include "algorithm_arg.hpp"
#include "commands.hpp"
#include "encryption_key_options.hpp"
#include "io.hpp"
#include "report.hpp"

namespace jot::cli {

namespace {

struct EncryptArgs {
  std::string plaintext;
  EncryptionKeyArgs key;
  std::string alg;
  std::string enc;
  std::string kid;
  std::string cty;
  std::string typ;
  std::string header;
  std::uint32_t pbes2_count = 10000;
  bool allow_rsa1_5 = false;
  CLI::Option* kid_opt = nullptr;
  CLI::Option* cty_opt = nullptr;
  CLI::Option* typ_opt = nullptr;
};

Result<jwe::EncryptOptions> build_options(const EncryptArgs& args) {
  auto alg = parse_key_management_arg(args.alg);
  if (!alg) return std::move(alg).error();
  auto enc = parse_content_encryption_arg(args.enc);
  if (!enc) return std::move(enc).error();
  if (*alg == KeyManagement::kRsa1_5 && !args.allow_rsa1_5) {
    return Error(Errc::kInvalidOption,
                 "--alg RSA1_5 is refused: its decryption is a padding oracle (Bleichenbacher); "
                 "--allow-insecure-rsa1_5 accepts it");
  }
  jwe::EncryptOptions options(*alg, *enc);
  if (args.kid_opt->count() != 0) options.kid = args.kid;
  if (args.cty_opt->count() != 0) options.cty = args.cty;
  if (args.typ_opt->count() != 0) options.typ = args.typ;
  options.header_json = args.header;
  options.pbes2_count = args.pbes2_count;
  options.insecure_allow_rsa1_5 = args.allow_rsa1_5;
  return options;
}

int run(const EncryptArgs& args) {
  auto options = build_options(args);
  if (!options) return fail(kExitUsage, options.error());
  auto loaded = load_encryption_key(args.key);
  if (!loaded) return fail(kExitUsage, loaded.error());
  auto key = choose_key(*loaded, args.kid_opt->count() != 0 ? &args.kid : nullptr);
  if (!key) return fail(kExitUsage, key.error());
  // The bytes exactly as given: no trimming, a trailing newline from stdin is plaintext too.
  auto plaintext = read_inline_or_stdin(args.plaintext, "plaintext");
  if (!plaintext) return fail(kExitUsage, plaintext.error());

  auto token = jwe::try_encrypt(*plaintext, *key, *options);
  if (!token) {
    fail(kExitUsage, token.error());
    if (token.error().code() == Errc::kWeakKey) {
      fail(kExitUsage, "hint: --allow-insecure-key accepts an RSA key under 2048 bits (insecure)");
    }
    return kExitUsage;
  }
  std::cout << *token << '\n';
  return kExitOk;
}

}  // namespace

void register_encrypt(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<EncryptArgs>();
  CLI::App* cmd = app.add_subcommand(
      "encrypt", "Encrypt bytes for a key (compact JWE, RFC 7516); print the token");
  cmd->add_option("plaintext", args->plaintext,
                  "the bytes to encrypt ('-' or nothing reads stdin, byte for byte)")
      ->type_name("PLAINTEXT|-");
  add_encryption_key_options(*cmd, args->key);
  const char* how = "Encryption and header";
  cmd->add_option("--alg", args->alg, "key management: " + key_management_list())
      ->type_name("ALG")
      ->required()
      ->group(how);
  cmd->add_option("--enc", args->enc, "content encryption: " + content_encryption_list())
      ->type_name("ENC")
      ->required()
      ->group(how);
  args->kid_opt = cmd->add_option("--kid", args->kid,
                                  "header kid (default: the key's kid); with a JWK Set, also "
                                  "chooses the recipient's key")
                      ->type_name("TEXT")
                      ->group(how);
  args->cty_opt = cmd->add_option("--cty", args->cty,
                                  "header cty: the plaintext's type (JWT for a signed token "
                                  "inside: a nested JWT)")
                      ->type_name("TEXT")
                      ->group(how);
  args->typ_opt = cmd->add_option("--typ", args->typ, "header typ (none by default)")
                      ->type_name("TEXT")
                      ->group(how);
  cmd->add_option("--header", args->header,
                  "extra protected header members, a JSON object (not alg, enc, epk, iv, tag, p2s, "
                  "p2c, zip)")
      ->type_name("JSON")
      ->group(how);
  cmd->add_option("--pbes2-count", args->pbes2_count,
                  "PBES2 iteration count (default 10000; 1000 to 1000000)")
      ->type_name("N")
      ->group(how);
  cmd->add_flag("--allow-insecure-rsa1_5", args->allow_rsa1_5,
                "accept --alg RSA1_5 (RSAES-PKCS1-v1_5: a padding oracle for Bleichenbacher's "
                "attack on whoever decrypts). Insecure")
      ->group(how);
  // clang-format off
  cmd->footer(R"TXT(Keys: dir, A*KW and A*GCMKW take a secret of the exact size (jot keygen --alg A256KW);
RSA-OAEP* an RSA public key; ECDH-ES* an EC (P-256/384/521) or OKP (X25519/X448) public key;
PBES2-* a password (--password, --password-file) or a secret.

Examples:
  jot keygen --alg A256KW --out kw.key
  jot encrypt --secret-base64url "$(cat kw.key)" --alg A256KW --enc A256GCM 'secret bytes'
  jot encrypt --key recipient.pem.pub --alg ECDH-ES+A256KW --enc A256GCM - < report.pdf
  jot encrypt --password-file pw.txt --alg PBES2-HS256+A128KW --enc A128CBC-HS256 'hello'
  jot sign --key es256.pem '{"sub":"alice"}' | tr -d '\n' |
    jot encrypt --key rsa.pem.pub --alg RSA-OAEP-256 --enc A256GCM --cty JWT -   # nested JWT)TXT");
  // clang-format on
  cmd->callback([args, exit_code] { *exit_code = run(*args); });
}

}  // namespace jot::cli
