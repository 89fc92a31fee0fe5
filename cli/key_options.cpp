#include "key_options.hpp"

#include <CLI/CLI.hpp>
#include <jot/base64url.hpp>
#include <jot/json_object.hpp>

#include "io.hpp"

namespace jot::cli {

namespace {

constexpr const char* kGroup =
    "Key (exactly one of --secret, --secret-file, --secret-base64url, --key)";

std::size_t given(const CLI::Option* opt) {
  return opt != nullptr ? opt->count() : 0;
}

// A JWK Set is a JSON object with a "keys" member (RFC 7517 §5); a single JWK has "kty".
bool looks_like_jwks(std::string_view material) {
  const std::string_view text = trim(material);
  if (text.empty() || text.front() != '{') return false;
  JsonLimits limits;
  limits.max_bytes = kMaxInputBytes;
  const auto object = JsonObject::parse(text, limits);
  return object && object->contains("keys") && !object->contains("kty");
}

}  // namespace

void add_key_options(CLI::App& command, KeyArgs& args) {
  args.secret_opt =
      command.add_option("--secret", args.secret, "HMAC secret: the UTF-8 bytes of TEXT")
          ->type_name("TEXT")
          ->group(kGroup);
  args.secret_file_opt =
      command
          .add_option("--secret-file", args.secret_file,
                      "HMAC secret: the exact bytes of FILE (a trailing newline counts; '-' "
                      "reads stdin)")
          ->type_name("FILE")
          ->group(kGroup);
  args.secret_base64url_opt =
      command
          .add_option("--secret-base64url", args.secret_base64url,
                      "HMAC secret: base64url-encoded bytes (what `jot keygen --alg HS256` "
                      "prints)")
          ->type_name("TEXT")
          ->group(kGroup);
  args.key_opt = command
                     .add_option("--key", args.key_file,
                                 "key file: PEM, DER, JWK or JWK Set, detected from the "
                                 "content ('-' reads stdin)")
                     ->type_name("FILE")
                     ->group(kGroup);
  command.add_option("--passphrase", args.passphrase, "passphrase of an encrypted PKCS#8 key")
      ->type_name("TEXT")
      ->group(kGroup);
  command
      .add_flag("--allow-weak-secret", args.allow_weak_secret,
                "accept an HMAC secret shorter than the hash (RFC 7518 §3.2 asks for 32/48/64 "
                "bytes for HS256/384/512). Insecure")
      ->group(kGroup);
  command
      .add_flag("--allow-insecure-key", args.allow_insecure_key,
                "accept an RSA key under 2048 bits. Insecure")
      ->group(kGroup);
  // Exclusivity is checked in load_key(): one clear message instead of CLI11's "Excludes"
  // clutter on every line of --help.
}

Result<LoadedKey> parse_key_material(std::string_view material, const KeyOptions& options) {
  if (looks_like_jwks(material)) {
    auto set = KeySet::from_jwks(trim(material), options);
    if (!set) return std::move(set).error();
    if (set->keys().empty()) {
      return Error(Errc::kKeyParse, "the JWK Set holds no usable key");
    }
    return LoadedKey(std::move(*set));
  }
  // PEM and JWK tolerate surrounding whitespace; DER must be passed byte for byte.
  const std::string_view text = trim(material);
  const bool textual = !text.empty() && (text.front() == '{' || text.front() == '-');
  auto key = Key::from_any(textual ? text : material, options);
  if (!key) return std::move(key).error();
  return LoadedKey(std::move(*key));
}

Result<Key> choose_key(const LoadedKey& loaded, const std::string* kid) {
  if (const auto* key = std::get_if<Key>(&loaded)) return *key;
  const auto& set = std::get<KeySet>(loaded);
  if (kid != nullptr) return set.find(*kid);
  if (set.keys().size() == 1) return set.keys().front();
  return Error(Errc::kInvalidOption, "the JWK Set holds " + std::to_string(set.keys().size()) +
                                         " keys: choose one with --kid");
}

namespace {

std::size_t key_sources(const KeyArgs& args) {
  return given(args.secret_opt) + given(args.secret_file_opt) + given(args.secret_base64url_opt) +
         given(args.key_opt);
}

}  // namespace

bool key_source_given(const KeyArgs& args) {
  return key_sources(args) != 0;
}

KeyOptions key_policy(const KeyArgs& args) {
  KeyOptions options;
  options.insecure_allow_weak_secret = args.allow_weak_secret;
  options.insecure_allow_small_rsa = args.allow_insecure_key;
  options.passphrase = args.passphrase;
  return options;
}

Result<LoadedKey> load_key(const KeyArgs& args) {
  const std::size_t sources = key_sources(args);
  if (sources == 0) {
    return Error(Errc::kInvalidOption,
                 "a key is needed: --secret, --secret-file, --secret-base64url or --key");
  }
  if (sources > 1) {
    return Error(Errc::kInvalidOption,
                 "give only one of --secret, --secret-file, --secret-base64url and --key");
  }
  const KeyOptions options = key_policy(args);

  auto with_context = [](Error error, std::string_view context) {
    return Error(error.code(), std::string(context) + ": " + std::string(error.message()));
  };

  if (given(args.key_opt) != 0) {
    auto material = read_input(args.key_file, "key file");
    if (!material) return std::move(material).error();
    auto key = parse_key_material(*material, options);
    if (!key) {
      const std::string name = args.key_file == "-" ? "stdin" : "'" + args.key_file + "'";
      return with_context(std::move(key).error(), "cannot use the key in " + name);
    }
    return key;
  }

  std::string bytes;
  if (given(args.secret_opt) != 0) {
    bytes = args.secret;
  } else if (given(args.secret_file_opt) != 0) {
    auto content = read_input(args.secret_file, "secret file");
    if (!content) return std::move(content).error();
    bytes = std::move(*content);
  } else {
    auto decoded = base64url::decode(args.secret_base64url);
    if (!decoded) return with_context(std::move(decoded).error(), "--secret-base64url");
    bytes = std::move(*decoded);
  }
  if (bytes.empty()) return Error(Errc::kInvalidOption, "the secret is empty");
  auto key = Key::from_secret(bytes, options);
  if (!key) return with_context(std::move(key).error(), "cannot use the secret");
  return LoadedKey(std::move(*key));
}

}  // namespace jot::cli
