#include "auth/key_ring.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

namespace jot::server {

namespace {

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(Errc::kKeyParse, "cannot read key file " + path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Error(Errc::kKeyParse, "cannot read key file " + path);
  return text;
}

// A secret file usually ends with a newline that is not part of the secret.
std::string strip_trailing_newlines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// Every key gets a kid so that tokens name the key that signed them: the JWK's own kid,
// else the RFC 7638 thumbprint of the public key. A lone secret keeps no kid (its
// thumbprint would publish a hash of the secret in every token).
Result<Key> with_stable_kid(Key key) {
  if (!key.kid().empty() || key.type() == KeyType::kSecret) return key;
  auto thumbprint = key.thumbprint();
  if (!thumbprint) return std::move(thumbprint).error();
  return key.with_kid(*thumbprint);
}

}  // namespace

Result<KeyRing> KeyRing::from_keys(std::vector<Key> keys, std::optional<Algorithm> alg) {
  if (keys.empty()) return Error(Errc::kInvalidOption, "no key configured");
  std::vector<Key> named;
  for (auto& key : keys) {
    auto k = with_stable_kid(std::move(key));
    if (!k) return std::move(k).error();
    named.push_back(std::move(*k));
  }
  for (std::size_t i = 0; i < named.size(); ++i) {
    for (std::size_t j = i + 1; j < named.size(); ++j) {
      if (named[i].kid() == named[j].kid()) {
        return Error(Errc::kInvalidOption,
                     "two keys share the kid '" + std::string(named[i].kid()) + "'");
      }
    }
  }
  if (named.size() > 1) {
    for (const auto& k : named) {
      if (k.kid().empty()) {
        return Error(Errc::kInvalidOption,
                     "with several keys every key needs a kid (give secrets as JWK with a kid)");
      }
    }
  }

  // Every key is bound to exactly its algorithm (the signer to --alg, the others to their
  // natural one or their JWK's "alg"): the allow-list is the union over the ring, so without
  // the binding a token signed by one key under another key's algorithm would pass.
  KeyRing ring;
  ring.alg_ = alg.value_or(named.back().natural_algorithm());
  for (std::size_t i = 0; i < named.size(); ++i) {
    const bool signs = i + 1 == named.size();
    const Algorithm a = signs ? ring.alg_ : named[i].natural_algorithm();
    auto ok = signs ? named[i].check_sign(a) : named[i].check_verify(a);
    if (!ok) return std::move(ok).error();
    auto bound = named[i].with_algorithm(a);
    if (!bound) return std::move(bound).error();
    named[i] = std::move(*bound);
    if (std::find(ring.allowed_.begin(), ring.allowed_.end(), a) == ring.allowed_.end()) {
      ring.allowed_.push_back(a);
    }
  }
  const Key& signer = named.back();

  // The JWKS lists the public halves; HMAC secrets are simply left out.
  std::vector<Key> publishable;
  for (const auto& k : named) {
    if (k.type() != KeyType::kSecret) publishable.push_back(k);
  }
  if (publishable.empty()) {
    ring.jwks_ = R"({"keys":[]})";
  } else {
    auto jwks = KeySet(std::move(publishable)).public_jwks();
    if (!jwks) return std::move(jwks).error();
    ring.jwks_ = std::move(*jwks);
  }

  std::ostringstream text;
  text << named.size() << (named.size() == 1 ? " key" : " keys") << ", signing with "
       << to_string(ring.alg_);
  if (!signer.kid().empty()) text << " (kid " << signer.kid() << ")";
  ring.description_ = text.str();
  ring.keys_ = KeySet(std::move(named));
  return ring;
}

Result<KeyRing> KeyRing::load(const ServeOptions& options) {
  std::optional<Algorithm> alg;
  if (!options.alg.empty()) {
    alg = algorithm_from_string(options.alg);
    if (!alg || *alg == Algorithm::kNone) {
      return Error(Errc::kUnsupported, "unsupported algorithm '" + options.alg + "'");
    }
  }
  const int sources = (options.secret.empty() ? 0 : 1) + (options.secret_file.empty() ? 0 : 1) +
                      (options.key_files.empty() ? 0 : 1);
  if (sources > 1) {
    return Error(Errc::kInvalidOption, "give only one of --secret, --secret-file, --key");
  }

  std::vector<Key> keys;
  std::string origin;
  if (!options.secret.empty() || !options.secret_file.empty()) {
    std::string secret = options.secret;
    if (!options.secret_file.empty()) {
      auto text = read_file(options.secret_file);
      if (!text) return std::move(text).error();
      secret = strip_trailing_newlines(std::move(*text));
    }
    auto key = Key::from_secret(secret);
    if (!key) return std::move(key).error();
    keys.push_back(std::move(*key));
    origin = "HMAC secret";
  } else if (!options.key_files.empty()) {
    for (const auto& path : options.key_files) {
      auto text = read_file(path);
      if (!text) return std::move(text).error();
      auto key = Key::from_any(*text);
      if (!key) {
        return Error(key.error().code(), path + ": " + std::string(key.error().message()));
      }
      keys.push_back(std::move(*key));
    }
    origin = "key files";
  } else {
    // No configuration: an ephemeral key, so that `make demo` needs none.
    auto key = Key::generate(alg.value_or(Algorithm::kES256));
    if (!key) return std::move(key).error();
    keys.push_back(std::move(*key));
    origin =
        "EPHEMERAL key generated at start (tokens die with the process; "
        "configure --key or --secret for real use)";
  }
  auto ring = from_keys(std::move(keys), alg);
  if (!ring) return ring;
  ring->description_ = origin + ": " + ring->description_;
  return ring;
}

}  // namespace jot::server
