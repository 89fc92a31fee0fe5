// jws::sign: protected header and payload bytes → compact JWS.

#include "jot/base64url.hpp"
#include "jot/jws.hpp"
#include "json/json_doc.hpp"
#include "jws/core.hpp"
#include "jws/scratch.hpp"
#include "jws/sign_core.hpp"
#include "keys/key_data.hpp"
#include "keys/signature.hpp"

namespace jot {
namespace detail {

std::string assemble_signing_input(std::string_view header_json, std::string_view payload,
                                   std::size_t signature_bytes) {
  std::string out;
  out.reserve(base64url::encoded_size(header_json.size()) + 2 +
              base64url::encoded_size(payload.size()) + base64url::encoded_size(signature_bytes));
  base64url::encode_append(header_json, out);
  out += '.';
  base64url::encode_append(payload, out);
  return out;
}

namespace {

// Signs the signing input in `token` and appends the signature segment. The raw signature
// goes through a per-thread scratch buffer: no allocation of its own.
Result<std::string> finish(std::string token, const Key& key, Algorithm alg) {
  ScratchLease signature;
  if (auto ok = sign_bytes(alg, detail::key_data(key), token, signature.str()); !ok) {
    return std::move(ok).error();
  }
  token += '.';
  base64url::encode_append(signature.str(), token);
  return token;
}

// Signing needs a real algorithm (unsecured tokens have their own entry point) that the
// key may sign with.
Result<void> check_signer(const Key& key, Algorithm alg) {
  if (alg == Algorithm::kNone) {
    return Error(Errc::kAlgNotAllowed,
                 "alg \"none\" produces an unsecured token: use try_sign_unsecured with "
                 "insecure_allow_none")
        .about("alg");
  }
  return key.check_sign(alg);
}

}  // namespace

Result<std::string> sign_compact(std::string_view header_json, std::string_view payload,
                                 const Key& key, Algorithm alg) {
  if (auto ok = check_signer(key, alg); !ok) return std::move(ok).error();
  // 512 bytes covers every signature up to RSA-4096; larger keys just grow the string.
  std::string token = assemble_signing_input(header_json, payload, 512);
  return finish(std::move(token), key, alg);
}

Result<std::string> sign_compact_encoded(std::string_view header_b64, std::string_view payload,
                                         const Key& key, Algorithm alg) {
  if (auto ok = check_signer(key, alg); !ok) return std::move(ok).error();
  std::string token;
  token.reserve(header_b64.size() + 2 + base64url::encoded_size(payload.size()) +
                base64url::encoded_size(512));
  token.append(header_b64);
  token += '.';
  base64url::encode_append(payload, token);
  return finish(std::move(token), key, alg);
}

Result<std::string> unsecured_compact(std::string_view header_json, std::string_view payload) {
  std::string token = assemble_signing_input(header_json, payload, 0);
  token += '.';
  return token;
}

}  // namespace detail

namespace jws {

Result<std::string> sign(std::string_view header_json, std::string_view payload, const Key& key,
                         Algorithm alg) {
  // The header is used byte for byte, so it must already say what it will be verified as.
  // Limits are generous: the caller wrote this header, but it must still be one JSON object
  // that a strict verifier (ours) accepts.
  JsonLimits limits;
  limits.max_bytes = 1024 * 1024;
  auto header = JsonObject::parse(header_json, limits);
  if (!header) {
    return Error(Errc::kInvalidOption,
                 "header_json must be a JSON object: " + std::string(header.error().message()))
        .about("header");
  }
  const auto named = header->get_string("alg");
  if (!named || *named != to_string(alg)) {
    return Error(Errc::kInvalidOption,
                 "header_json \"alg\" must be \"" + std::string(to_string(alg)) + "\"")
        .about("alg");
  }
  if (auto ok = detail::check_header_for_signing(detail::json_doc(*header).object); !ok) {
    return std::move(ok).error();
  }
  return detail::sign_compact(header_json, payload, key, alg);
}

}  // namespace jws
}  // namespace jot
