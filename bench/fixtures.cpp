#include "fixtures.hpp"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>

#include "support/payload_shapes.hpp"

namespace jot::bench {
namespace {

std::int64_t start_time() {
  static const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count();
  return now;
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string pem_private(EVP_PKEY* pkey) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), pkey, nullptr, nullptr, 0, nullptr, nullptr) != 1)
    throw std::runtime_error("PEM_write_bio_PrivateKey failed");
  return bio_text(bio.get());
}

std::string pem_public(EVP_PKEY* pkey) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), pkey) != 1)
    throw std::runtime_error("PEM_write_bio_PUBKEY failed");
  return bio_text(bio.get());
}

// OpenSSL generates every key: the floor then uses it directly and jot parses its PEM.
Pkey generate(const char* type, const char* param) {
  EVP_PKEY* pkey = nullptr;
  if (std::string_view(type) == "RSA") {
    pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(2048));
  } else if (param != nullptr) {
    pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, type, param);
  } else {
    pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, type);
  }
  if (pkey == nullptr) throw std::runtime_error(std::string("key generation failed: ") + type);
  return Pkey(pkey);
}

AlgCase make_hmac(const char* label, Algorithm alg, std::size_t bytes) {
  AlgCase c{label, alg, {}, nullptr, {}, {}, std::nullopt, std::nullopt, {}};
  c.secret.resize(bytes);
  if (RAND_bytes(reinterpret_cast<unsigned char*>(c.secret.data()), static_cast<int>(bytes)) != 1)
    throw std::runtime_error("RAND_bytes failed");
  auto key = Key::from_secret(c.secret);
  if (key) {
    c.sign_key = *key;
    c.verify_key = *key;
  } else {
    c.key_error = std::string(key.error().message());
  }
  return c;
}

AlgCase make_asym(const char* label, Algorithm alg, Pkey pkey) {
  AlgCase c{label, alg, {}, std::move(pkey), {}, {}, std::nullopt, std::nullopt, {}};
  c.private_pem = pem_private(c.pkey.get());
  c.public_pem = pem_public(c.pkey.get());
  auto priv = Key::from_pem(c.private_pem);
  auto pub = Key::from_pem(c.public_pem);
  if (priv && pub) {
    c.sign_key = *priv;
    c.verify_key = *pub;
  } else {
    c.key_error = std::string(priv ? pub.error().message() : priv.error().message());
  }
  return c;
}

std::string make_large_payload() {
  const std::int64_t now = start_time();
  std::string p = "{";
  p += R"("iss":"https://issuer.example.com","sub":"user-8c7a0f4e-5b1d-4e0a-9f2b-3d6c1e7a9b20",)";
  p += R"("aud":"https://api.example.com",)";
  p += "\"iat\":" + std::to_string(now) + ",\"nbf\":" + std::to_string(now - 60) +
       ",\"exp\":" + std::to_string(now + 86400) + ",";
  p += R"("jti":"5f0c3c1e-2b7d-4a4e-8d9c-7e1f2a3b4c5d","userId":123,)";
  p += R"("name":"Ada Lovelace","email":"ada.lovelace@example.com","email_verified":true,)";
  p += R"("locale":"en-GB","zoneinfo":"Europe/London",)";
  p += R"("roles":["admin","editor","viewer","billing","support"],)";
  p += R"("scope":"openid profile email offline_access read:users write:users read:billing",)";
  p += R"("tenant":{"id":"t-42","name":"Analytical Engines Ltd","plan":"enterprise"},)";
  p += R"("groups":["engineering","research","mathematics","poetry"],)";
  p += R"("permissions":["users:read","users:write","billing:read","reports:export"],)";
  p += R"("session_id":"sess_6a1f0d3b9c2e4f5a8b7c6d5e4f3a2b1c","auth_time":)" +
       std::to_string(now - 300) + ",";
  p += R"("amr":["pwd","otp"],"acr":"urn:example:loa:2","azp":"web-client-7d3f",)";
  p += R"("preferred_username":"ada","given_name":"Ada","family_name":"Lovelace",)";
  p += R"("picture":"https://cdn.example.com/avatars/ada-lovelace-1815.png",)";
  p +=
      R"("address":{"locality":"London","country":"GB"},"feature_flags":{"beta":true,"ui_v2":false}})";
  return p;
}

const std::vector<jot_test::PayloadShape>& shapes() {
  static const std::vector<jot_test::PayloadShape> all = jot_test::payload_shapes(start_time());
  return all;
}

// The shape of a shape kind (kKeycloak is the first).
const jot_test::PayloadShape& shape_of(PayloadKind kind) {
  return shapes().at(static_cast<std::size_t>(kind) -
                     static_cast<std::size_t>(PayloadKind::kKeycloak));
}

}  // namespace

const char* to_string(PayloadKind kind) noexcept {
  switch (kind) {
    case PayloadKind::kSeed:
      return "seed";
    case PayloadKind::kLarge:
      return "1KB";
    default:
      return shape_of(kind).name.c_str();
  }
}

const std::vector<PayloadKind>& shape_payloads() {
  static const std::vector<PayloadKind> kinds = {
      PayloadKind::kKeycloak, PayloadKind::kAzureAd,    PayloadKind::kAuth0,  PayloadKind::kCognito,
      PayloadKind::kGoogleId, PayloadKind::kEnterprise, PayloadKind::kEscaped};
  return kinds;
}

const std::vector<PayloadKind>& verified_payloads() {
  static const std::vector<PayloadKind> kinds = [] {
    std::vector<PayloadKind> v = {PayloadKind::kLarge};
    v.insert(v.end(), shape_payloads().begin(), shape_payloads().end());
    return v;
  }();
  return kinds;
}

const std::string& payload(PayloadKind kind) {
  static const std::string seed = "{\"userId\":123,\"iat\":" + std::to_string(start_time()) +
                                  ",\"exp\":" + std::to_string(start_time() + 86400) + "}";
  static const std::string large = make_large_payload();
  switch (kind) {
    case PayloadKind::kSeed:
      return seed;
    case PayloadKind::kLarge:
      return large;
    default:
      return shape_of(kind).json;
  }
}

ExpectedClaims expected_claims(PayloadKind kind) {
  switch (kind) {
    case PayloadKind::kSeed:
      return {};
    case PayloadKind::kLarge:
      return {"https://issuer.example.com", "https://api.example.com"};
    default:
      return {shape_of(kind).issuer, shape_of(kind).audience};
  }
}

VerifyOptions verify_options(Algorithm alg, PayloadKind kind) {
  VerifyOptions options;
  options.algorithms = {alg};
  const ExpectedClaims expected = expected_claims(kind);
  if (!expected.audience.empty()) options.audience = {expected.audience};
  if (!expected.issuer.empty()) options.issuer = {expected.issuer};
  return options;
}

SignOptions sign_options(Algorithm alg) {
  SignOptions options;
  options.algorithm = alg;
  return options;
}

std::vector<AlgCase>& cases() {
  static std::vector<AlgCase> all = [] {
    std::vector<AlgCase> v;
    v.push_back(make_hmac("HS256", Algorithm::kHS256, 32));
    v.push_back(make_hmac("HS384", Algorithm::kHS384, 48));
    v.push_back(make_hmac("HS512", Algorithm::kHS512, 64));
    // One RSA key serves RS* and PS* (as in most deployments).
    Pkey rsa = generate("RSA", nullptr);
    const std::pair<const char*, Algorithm> rsa_algs[] = {
        {"RS256", Algorithm::kRS256}, {"RS384", Algorithm::kRS384}, {"RS512", Algorithm::kRS512},
        {"PS256", Algorithm::kPS256}, {"PS384", Algorithm::kPS384}, {"PS512", Algorithm::kPS512}};
    for (const auto& [label, alg] : rsa_algs) {
      EVP_PKEY_up_ref(rsa.get());
      v.push_back(make_asym(label, alg, Pkey(rsa.get())));
    }
    v.push_back(make_asym("ES256", Algorithm::kES256, generate("EC", "P-256")));
    v.push_back(make_asym("ES384", Algorithm::kES384, generate("EC", "P-384")));
    v.push_back(make_asym("ES512", Algorithm::kES512, generate("EC", "P-521")));
    v.push_back(make_asym("ES256K", Algorithm::kES256K, generate("EC", "secp256k1")));
    v.push_back(make_asym("EdDSA", Algorithm::kEdDSA, generate("ED25519", nullptr)));
    v.push_back(make_asym("EdDSA-Ed448", Algorithm::kEdDSA, generate("ED448", nullptr)));
    return v;
  }();
  return all;
}

const AlgCase* find_case(const std::string& label) {
  for (const auto& c : cases())
    if (c.label == label) return &c;
  return nullptr;
}

const TokenFixture& token_for(const AlgCase& c, PayloadKind kind) {
  // Benchmarks on several threads ask at once; the map only grows, so references stay valid.
  static std::mutex mutex;
  static std::map<std::pair<std::string, PayloadKind>, TokenFixture> tokens;
  const std::lock_guard lock(mutex);
  auto [it, inserted] = tokens.try_emplace({c.label, kind});
  if (inserted) {
    if (!c.sign_key) {
      it->second.error = "no jot key: " + c.key_error;
    } else {
      auto token = try_sign(payload(kind), *c.sign_key, sign_options(c.alg));
      if (token) {
        it->second.token = *token;
      } else {
        it->second.error = "jot sign failed: " + std::string(token.error().message());
      }
    }
  }
  return it->second;
}

}  // namespace jot::bench
