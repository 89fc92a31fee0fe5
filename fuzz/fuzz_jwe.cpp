// JWE parsing and decryption (jwe::split, jwe::try_decrypt with a key and a key set), with
// one fresh key of every kind JWE uses: AES secrets of 16/24/32/48/64 bytes (A*KW, A*GCMKW,
// dir), RSA, P-256/384/521, X25519, X448 and a PBES2 password. Two invariants:
//   1. the input as a token never decrypts under any of these keys, whatever algorithm is
//      allowed (RSA1_5 included): the keys are fresh, so a success would mean decrypting a
//      token that no key of ours encrypted;
//   2. the input, read as edits of a token this process encrypted itself (one per key and
//      algorithm family), gives back the plaintext only when no byte actually changed: a
//      modified token never releases plaintext.
// Arbitrary bytes must also never crash, hang or leak (ASan, UBSan, LSan).
#include <cstdint>
#include <jot/jwe.hpp>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"

using jot::fuzz::require;

namespace {

struct OwnToken {
  jot::Key key;
  std::string token;
};

constexpr std::string_view kPlaintext = "fuzz plaintext \x01\x02\xff";

const std::vector<jot::Key>& keys() {
  static const std::vector<jot::Key> all = [] {
    std::vector<jot::Key> out;
    for (auto enc : {jot::ContentEncryption::kA128GCM, jot::ContentEncryption::kA192GCM,
                     jot::ContentEncryption::kA256GCM, jot::ContentEncryption::kA192CbcHs384,
                     jot::ContentEncryption::kA256CbcHs512}) {
      out.push_back(jot::Key::generate(enc).value());  // 16, 24, 32, 48, 64 bytes
    }
    out.push_back(jot::Key::generate(jot::KeyManagement::kRsaOaep256).value());
    for (auto curve : {jot::Curve::kP256, jot::Curve::kP384, jot::Curve::kP521, jot::Curve::kX25519,
                       jot::Curve::kX448}) {
      out.push_back(jot::Key::generate(curve).value());
    }
    // A fresh password too: a fixed one would be known to whoever made the seeds.
    std::random_device random;
    std::string password = "fuzz ";
    for (int i = 0; i < 16; ++i) password += static_cast<char>('a' + random() % 26);
    out.push_back(jot::Key::from_password(password).value());
    return out;
  }();
  return all;
}

jot::jwe::DecryptOptions every_algorithm() {
  jot::jwe::DecryptOptions options;
  const auto all = jot::all_key_management();
  options.algorithms.assign(all.begin(), all.end());
  options.insecure_allow_rsa1_5 = true;
  options.max_pbes2_count = 1000;  // the RFC's minimum: keeps an execution short
  return options;
}

// Tokens of this process: every key-management family, each content encryption.
const std::vector<OwnToken>& own_tokens() {
  using KM = jot::KeyManagement;
  using CE = jot::ContentEncryption;
  static const std::vector<OwnToken> all = [] {
    const auto& k = keys();
    struct Plan {
      std::size_t key;
      KM alg;
      CE enc;
    };
    const Plan plans[] = {
        {2, KM::kDir, CE::kA256GCM},
        {0, KM::kA128KW, CE::kA128CbcHs256},
        {1, KM::kA192GCMKW, CE::kA192GCM},
        {5, KM::kRsaOaep256, CE::kA256GCM},
        {5, KM::kRsa1_5, CE::kA128CbcHs256},
        {6, KM::kEcdhEs, CE::kA128GCM},
        {7, KM::kEcdhEsA192KW, CE::kA256CbcHs512},
        {9, KM::kEcdhEsA256KW, CE::kA192CbcHs384},
        {10, KM::kEcdhEs, CE::kA256GCM},
        {11, KM::kPbes2Hs256A128KW, CE::kA128GCM},
    };
    std::vector<OwnToken> out;
    for (const Plan& plan : plans) {
      jot::jwe::EncryptOptions options(plan.alg, plan.enc);
      options.insecure_allow_rsa1_5 = plan.alg == KM::kRsa1_5;
      options.pbes2_count = 1000;
      out.push_back({k[plan.key], jot::jwe::try_encrypt(kPlaintext, k[plan.key], options).value()});
    }
    return out;
  }();
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const jot::jwe::DecryptOptions options = every_algorithm();
  static const jot::KeySet set(keys());
  const std::string_view input = jot::fuzz::as_text(data, size);

  (void)jot::jwe::split(input);
  for (const jot::Key& key : keys()) {
    require(!jot::jwe::try_decrypt(input, key, options), "decrypted a token no key made");
  }
  require(!jot::jwe::try_decrypt(input, set, options), "decrypted a token no key made (set)");

  // Edits: byte 0 picks a token; then (position, position, byte) triples overwrite it.
  if (size < 1) return 0;
  const OwnToken& own = own_tokens()[data[0] % own_tokens().size()];
  std::string token = own.token;
  for (std::size_t i = 1; i + 2 < size; i += 3) {
    const std::size_t at = (static_cast<std::size_t>(data[i]) << 8 | data[i + 1]) % token.size();
    token[at] = static_cast<char>(data[i + 2]);
  }
  auto decrypted = jot::jwe::try_decrypt(token, own.key, options);
  if (token == own.token) {
    require(decrypted && decrypted->plaintext == kPlaintext, "its own token did not decrypt");
  } else {
    require(!decrypted, "a modified token decrypted");
  }
  return 0;
}
