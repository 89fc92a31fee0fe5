// jot jwk [KEYFILE|-]: converts keys between PEM/DER and JWK/JWKS; RFC 7638 thumbprints.

#include <CLI/CLI.hpp>
#include <iostream>
#include <jot/key.hpp>
#include <memory>
#include <vector>

#include "commands.hpp"
#include "io.hpp"
#include "key_options.hpp"
#include "report.hpp"

namespace jot::cli {

namespace {

struct JwkArgs {
  std::string input;
  std::string to;
  std::string kid;
  std::string passphrase;
  bool public_only = false;
  bool thumbprint = false;
  bool allow_weak_secret = false;
  bool allow_insecure_key = false;
  CLI::Option* to_opt = nullptr;
  CLI::Option* kid_opt = nullptr;
};

bool is_json(std::string_view material) {
  const auto text = trim(material);
  return !text.empty() && text.front() == '{';
}

Result<std::string> export_jwk(const Key& key, bool public_only) {
  // Secrets have no public half: their JWK is always the secret itself.
  if (key.type() == KeyType::kSecret || (key.has_private() && !public_only)) {
    return key.private_jwk();
  }
  return key.public_jwk();
}

Result<std::string> export_pem(const Key& key, bool public_only) {
  if (key.type() == KeyType::kSecret) {
    return Error(Errc::kUnsupported, "a secret (kty \"oct\": an HMAC or AES key) has no PEM form");
  }
  auto pem = key.has_private() && !public_only ? key.private_pem() : key.public_pem();
  if (pem && (pem->empty() || pem->back() != '\n')) *pem += '\n';
  return pem;
}

int run(const JwkArgs& args) {
  if (args.thumbprint && args.to_opt->count() != 0) {
    return fail(kExitUsage, "--thumbprint and --to exclude each other");
  }
  auto material = args.input.empty() || args.input == "-" ? read_inline_or_stdin(args.input, "key")
                                                          : read_input(args.input, "key file");
  if (!material) return fail(kExitUsage, material.error());

  KeyOptions options;
  options.insecure_allow_weak_secret = args.allow_weak_secret;
  options.insecure_allow_small_rsa = args.allow_insecure_key;
  options.passphrase = args.passphrase;
  auto loaded = parse_key_material(*material, options);
  if (!loaded) return fail(kExitUsage, loaded.error(), "cannot read the key");

  std::vector<Key> keys;
  if (const auto* key = std::get_if<Key>(&*loaded)) {
    keys.push_back(*key);
  } else {
    keys = std::get<KeySet>(*loaded).keys();
  }
  if (args.kid_opt->count() != 0) {
    if (keys.size() != 1) return fail(kExitUsage, "--kid needs a single key, not a JWK Set");
    keys.front() = keys.front().with_kid(args.kid);
  }

  if (args.thumbprint) {
    std::string out;
    for (const Key& key : keys) {
      auto thumb = key.thumbprint();
      if (!thumb) return fail(kExitUsage, thumb.error(), "cannot compute the thumbprint");
      out += *thumb + '\n';
    }
    std::cout << out;
    return kExitOk;
  }

  // Default direction: JSON in → PEM out; PEM/DER in → JWK out.
  const std::string to = args.to_opt->count() != 0 ? args.to : (is_json(*material) ? "pem" : "jwk");
  std::string out;
  if (to == "jwk") {
    if (keys.size() != 1) {
      return fail(kExitUsage, "the JWK Set holds " + std::to_string(keys.size()) +
                                  " keys: use --to jwks or --to pem");
    }
    auto jwk = export_jwk(keys.front(), args.public_only);
    if (!jwk) return fail(kExitUsage, jwk.error(), "cannot export the key");
    out = *jwk + '\n';
  } else if (to == "jwks") {
    out = "{\"keys\":[";
    for (std::size_t i = 0; i < keys.size(); ++i) {
      auto jwk = export_jwk(keys[i], args.public_only);
      if (!jwk) return fail(kExitUsage, jwk.error(), "cannot export the key");
      if (i != 0) out += ',';
      out += *jwk;
    }
    out += "]}\n";
  } else {
    for (const Key& key : keys) {
      auto pem = export_pem(key, args.public_only);
      if (!pem) return fail(kExitUsage, pem.error(), "cannot export the key");
      out += *pem;
    }
  }
  std::cout << out;
  return kExitOk;
}

}  // namespace

void register_jwk(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<JwkArgs>();
  CLI::App* cmd = app.add_subcommand(
      "jwk", "Convert a key between PEM/DER and JWK/JWK Set; print RFC 7638 thumbprints");
  cmd->add_option("key", args->input,
                  "key file: PEM, DER, JWK or JWK Set, detected from the content ('-' or "
                  "nothing reads stdin)")
      ->type_name("KEYFILE|-");
  args->to_opt = cmd->add_option("--to", args->to,
                                 "output: jwk, jwks ({\"keys\":[...]}) or pem (default: pem for "
                                 "JWK/JWKS input, jwk for PEM/DER input)")
                     ->check(CLI::IsMember({"jwk", "jwks", "pem"}))
                     ->type_name("FORMAT");
  cmd->add_flag("--public", args->public_only,
                "output only the public key (what you publish); without it a private key stays "
                "private");
  cmd->add_flag("--thumbprint", args->thumbprint,
                "print the RFC 7638 SHA-256 thumbprint (base64url) instead, one line per key");
  args->kid_opt = cmd->add_option("--kid", args->kid, "set the key's kid")->type_name("TEXT");
  cmd->add_option("--passphrase", args->passphrase, "passphrase of an encrypted PKCS#8 key")
      ->type_name("TEXT");
  cmd->add_flag("--allow-weak-secret", args->allow_weak_secret,
                "accept a short \"oct\" secret (insecure)");
  cmd->add_flag("--allow-insecure-key", args->allow_insecure_key,
                "accept an RSA key under 2048 bits (insecure)");
  // clang-format off
  cmd->footer(R"TXT(Examples:
  jot jwk es256.pem.pub                        # PEM -> JWK
  jot jwk --public --kid k1 --to jwks key.pem > jwks.json
  jot jwk jwks.json                            # JWK Set -> PEM (one block per key)
  openssl pkey -in key.pem -outform DER | jot jwk -
  jot jwk --thumbprint key.jwk)TXT");
  // clang-format on
  cmd->callback([args, exit_code] { *exit_code = run(*args); });
}

}  // namespace jot::cli
