// jot keygen --alg ALG [--out FILE] [--format pem|jwk]: a fresh key for ALG.

#include <CLI/CLI.hpp>
#include <iostream>
#include <jot/json_object.hpp>
#include <jot/key.hpp>
#include <memory>

#include "algorithm_arg.hpp"
#include "commands.hpp"
#include "io.hpp"
#include "report.hpp"

namespace jot::cli {

namespace {

struct KeygenArgs {
  std::string alg;
  std::string out;
  std::string format = "pem";
  std::string kid;
  std::string enc;
  std::string curve;
  int bits = 2048;
  bool force = false;
  CLI::Option* out_opt = nullptr;
  CLI::Option* kid_opt = nullptr;
  CLI::Option* bits_opt = nullptr;
  CLI::Option* enc_opt = nullptr;
  CLI::Option* curve_opt = nullptr;
};

struct KeyTexts {
  std::string private_part;
  std::string public_part;  // empty for HMAC secrets: they have no public half
};

std::string with_newline(std::string text) {
  if (text.empty() || text.back() != '\n') text += '\n';
  return text;
}

Result<KeyTexts> render(const Key& key, const std::string& format) {
  KeyTexts texts;
  if (key.type() == KeyType::kSecret) {
    auto jwk = key.private_jwk();
    if (!jwk) return std::move(jwk).error();
    if (format == "jwk") {
      texts.private_part = with_newline(std::move(*jwk));
      return texts;
    }
    // A secret has no PEM form; its base64url text is what --secret-base64url takes.
    auto object = JsonObject::parse(*jwk);
    if (!object) return std::move(object).error();
    const auto k = object->get_string("k");
    if (!k) return Error(Errc::kInternal, "the secret's JWK has no \"k\"");
    texts.private_part = with_newline(std::string(*k));
    return texts;
  }
  auto priv = format == "jwk" ? key.private_jwk() : key.private_pem();
  if (!priv) return std::move(priv).error();
  auto pub = format == "jwk" ? key.public_jwk() : key.public_pem();
  if (!pub) return std::move(pub).error();
  texts.private_part = with_newline(std::move(*priv));
  texts.public_part = with_newline(std::move(*pub));
  return texts;
}

bool is_rsa_key_management(KeyManagement alg) {
  return alg == KeyManagement::kRsaOaep || alg == KeyManagement::kRsaOaep256 ||
         alg == KeyManagement::kRsaOaep384 || alg == KeyManagement::kRsaOaep512 ||
         alg == KeyManagement::kRsa1_5;
}

bool is_ecdh(KeyManagement alg) {
  return alg == KeyManagement::kEcdhEs || alg == KeyManagement::kEcdhEsA128KW ||
         alg == KeyManagement::kEcdhEsA192KW || alg == KeyManagement::kEcdhEsA256KW;
}

Result<Curve> parse_curve(std::string_view name) {
  for (const Curve curve :
       {Curve::kP256, Curve::kP384, Curve::kP521, Curve::kX25519, Curve::kX448}) {
    if (to_string(curve) == name) return curve;
  }
  return Error(Errc::kInvalidOption,
               "--curve: ECDH-ES keys are on P-256, P-384, P-521, X25519 "
               "or X448, not '" +
                   std::string(name) + "'");
}

// A key for a JWE key-management algorithm: --enc sizes a "dir" key, --curve chooses the
// ECDH-ES curve, --bits the RSA modulus.
Result<Key> generate_encryption_key(const KeygenArgs& args, KeyManagement alg) {
  if (args.bits_opt->count() != 0 && !is_rsa_key_management(alg)) {
    return Error(Errc::kInvalidOption,
                 "--bits applies to RSA algorithms only (RS*, PS*, RSA-OAEP*)");
  }
  if (args.curve_opt->count() != 0 && !is_ecdh(alg)) {
    return Error(Errc::kInvalidOption, "--curve applies to ECDH-ES* only");
  }
  if ((args.enc_opt->count() != 0) != (alg == KeyManagement::kDir)) {
    return Error(Errc::kInvalidOption, alg == KeyManagement::kDir
                                           ? "--alg dir needs --enc: the key is the content "
                                             "encryption key, its size is the --enc's"
                                           : "--enc applies to --alg dir only");
  }
  if (alg == KeyManagement::kDir) {
    auto enc = parse_content_encryption_arg(args.enc);
    if (!enc) return std::move(enc).error();
    return Key::generate(*enc);
  }
  if (args.curve_opt->count() != 0) {
    auto curve = parse_curve(args.curve);
    if (!curve) return std::move(curve).error();
    return Key::generate(*curve);
  }
  return Key::generate(alg, args.bits);
}

Result<Key> generate_key(const KeygenArgs& args) {
  if (args.bits < 2048 || args.bits > 16384) {
    return Error(Errc::kInvalidOption, "--bits: RSA keys are 2048 to 16384 bits");
  }
  if (const auto km = key_management_from_string(args.alg)) {
    return generate_encryption_key(args, *km);
  }
  if (!algorithm_from_string(args.alg)) {
    return Error(Errc::kInvalidOption,
                 "--alg: unknown algorithm '" + args.alg +
                     "' (a signature algorithm: " + algorithm_list() +
                     "; or a JWE key-management algorithm: " + key_management_list() + ")");
  }
  auto alg = parse_algorithm_arg(args.alg);
  if (!alg) return std::move(alg).error();
  if (args.enc_opt->count() != 0 || args.curve_opt->count() != 0) {
    return Error(Errc::kInvalidOption, "--enc and --curve apply to JWE algorithms only");
  }
  const auto family = family_of(*alg);
  const bool rsa = family == AlgorithmFamily::kRsaPkcs1 || family == AlgorithmFamily::kRsaPss;
  if (args.bits_opt->count() != 0 && !rsa) {
    return Error(Errc::kInvalidOption,
                 "--bits applies to RSA algorithms only (RS*, PS*, RSA-OAEP*)");
  }
  return Key::generate(*alg, args.bits);
}

int run(const KeygenArgs& args) {
  auto key = generate_key(args);
  if (!key) {
    return key.error().code() == Errc::kInvalidOption
               ? fail(kExitUsage, key.error())
               : fail(kExitUsage, key.error(), "cannot generate the key");
  }
  Key generated = args.kid_opt->count() != 0 ? key->with_kid(args.kid) : *key;

  auto texts = render(generated, args.format);
  if (!texts) return fail(kExitUsage, texts.error(), "cannot export the key");

  if (args.out_opt->count() == 0) {
    std::cout << texts->private_part << texts->public_part;
    return kExitOk;
  }
  const std::string pub_path = args.out + ".pub";
  // Check both names first: never leave a fresh private key without its public half.
  if (!texts->public_part.empty() && !args.force && path_exists(pub_path)) {
    return fail(kExitUsage, "'" + pub_path + "' already exists (use --force to overwrite it)");
  }
  if (auto written = write_file(args.out, texts->private_part, true, args.force); !written) {
    return fail(kExitUsage, written.error());
  }
  if (!texts->public_part.empty()) {
    if (auto written = write_file(pub_path, texts->public_part, false, args.force); !written) {
      return fail(kExitUsage, written.error());
    }
  }
  return kExitOk;
}

}  // namespace

void register_keygen(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<KeygenArgs>();
  CLI::App* cmd = app.add_subcommand("keygen", "Generate a fresh key for an algorithm");
  cmd->add_option("--alg", args->alg,
                  "algorithm the key is for: " + algorithm_list() +
                      "; or for encryption (JWE): " + key_management_list())
      ->type_name("ALG")
      ->required();
  args->out_opt = cmd->add_option("--out", args->out,
                                  "write the private key to FILE (mode 0600) and the public "
                                  "key to FILE.pub (default: both to stdout)")
                      ->type_name("FILE");
  cmd->add_option("--format", args->format, "pem (PKCS#8 / SPKI) or jwk")
      ->check(CLI::IsMember({"pem", "jwk"}))
      ->type_name("pem|jwk");
  args->kid_opt =
      cmd->add_option("--kid", args->kid, "key id to record in the JWK")->type_name("TEXT");
  args->bits_opt =
      cmd->add_option("--bits", args->bits, "RSA modulus size (default 2048)")->type_name("BITS");
  args->enc_opt = cmd->add_option("--enc", args->enc,
                                  "with --alg dir: the content encryption the key is for (" +
                                      content_encryption_list() + ")")
                      ->type_name("ENC");
  args->curve_opt = cmd->add_option("--curve", args->curve,
                                    "with --alg ECDH-ES*: P-256 (default), P-384, P-521, "
                                    "X25519 or X448")
                        ->type_name("CURVE");
  cmd->add_flag("--force", args->force, "overwrite existing files");
  // clang-format off
  cmd->footer(R"TXT(Output: the private key, then the public key (each PEM block or one-line JWK).
HS256/384/512 make a random 32/48/64-byte secret: with --format pem it is printed
base64url-encoded (use it with --secret-base64url), with --format jwk as {"kty":"oct",...};
a secret has no public part, so no FILE.pub is written. The same holds for the JWE secrets:
A128KW/A192KW/A256KW and A*GCMKW (16/24/32 bytes), dir (the --enc's key size) and PBES2-*
(32 random bytes, usable as --secret-base64url; a human password needs no keygen).
RSA-OAEP* make an RSA key, ECDH-ES* an EC or OKP key pair (--curve).

Examples:
  jot keygen --alg ES256 --out es256.pem         # es256.pem + es256.pem.pub
  jot keygen --alg RS256 --bits 3072 --format jwk --kid 2024-01
  jot keygen --alg HS256 --out hs256.key && jot sign --secret-base64url "$(cat hs256.key)" '{}'
  jot keygen --alg dir --enc A256GCM --out dir.key
  jot keygen --alg ECDH-ES+A256KW --curve X25519 --format jwk --out x25519.jwk)TXT");
  // clang-format on
  cmd->callback([args, exit_code] { *exit_code = run(*args); });
}

}  // namespace jot::cli
