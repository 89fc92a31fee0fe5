// Nested JWT (RFC 7519 §11.2): sign, then encrypt with "cty":"JWT"; decrypt, then verify.

#include <cctype>
#include <string>

#include "jot/jwe.hpp"

namespace jot::jwe {
namespace {

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

Result<std::string> encrypt_jws(Result<std::string> jws, const Key& encryption_key,
                                const EncryptOptions& encrypt) {
  if (!jws) return std::move(jws).error();
  EncryptOptions options = encrypt;
  options.cty = "JWT";
  return try_encrypt(*jws, encryption_key, options);
}

template <typename VerifyKey>
Result<DecryptedJwt> verify_inner(Result<Decrypted> outer, const VerifyKey& verification,
                                  const VerifyOptions& verify) {
  if (!outer) return std::move(outer).error();
  const std::optional<std::string_view> cty = outer->header.get_string("cty");
  if (!cty || !iequals(*cty, "JWT")) {
    return Error(Errc::kMalformed,
                 "invalid token: a nested JWT's JWE header must say \"cty\":\"JWT\"")
        .about("cty");
  }
  Result<VerifiedToken> inner = try_verify(outer->plaintext, verification, verify);
  if (!inner) return std::move(inner).error();
  return DecryptedJwt{std::move(outer->header), std::move(*inner)};
}

}  // namespace

Result<std::string> try_sign_and_encrypt(std::string_view claims_json, const Key& signing_key,
                                         const SignOptions& sign, const Key& encryption_key,
                                         const EncryptOptions& encrypt) {
  return encrypt_jws(try_sign(claims_json, signing_key, sign), encryption_key, encrypt);
}

Result<std::string> try_sign_and_encrypt(const JsonObject& claims, const Key& signing_key,
                                         const SignOptions& sign, const Key& encryption_key,
                                         const EncryptOptions& encrypt) {
  return encrypt_jws(try_sign(claims, signing_key, sign), encryption_key, encrypt);
}

std::string sign_and_encrypt(std::string_view claims_json, const Key& signing_key,
                             const SignOptions& sign, const Key& encryption_key,
                             const EncryptOptions& encrypt) {
  return try_sign_and_encrypt(claims_json, signing_key, sign, encryption_key, encrypt).value();
}

Result<DecryptedJwt> try_decrypt_and_verify(std::string_view token, const Key& decryption_key,
                                            const DecryptOptions& decrypt,
                                            const Key& verification_key,
                                            const VerifyOptions& verify) {
  return verify_inner(try_decrypt(token, decryption_key, decrypt), verification_key, verify);
}

Result<DecryptedJwt> try_decrypt_and_verify(std::string_view token, const KeySet& decryption_keys,
                                            const DecryptOptions& decrypt,
                                            const KeySet& verification_keys,
                                            const VerifyOptions& verify) {
  return verify_inner(try_decrypt(token, decryption_keys, decrypt), verification_keys, verify);
}

DecryptedJwt decrypt_and_verify(std::string_view token, const Key& decryption_key,
                                const DecryptOptions& decrypt, const Key& verification_key,
                                const VerifyOptions& verify) {
  return try_decrypt_and_verify(token, decryption_key, decrypt, verification_key, verify).value();
}

}  // namespace jot::jwe
