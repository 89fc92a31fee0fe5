#include "jws_functions.hpp"

#include <optional>
#include <string>
#include <string_view>

#include "jot/algorithm.hpp"
#include "jot/base64url.hpp"
#include "jot/key.hpp"
// Signatures over raw bytes: the binding re-implements jws 3.2.3's compact serialisation in
// JavaScript (its lenient decoding and latin1 header are part of the jsonwebtoken contract
// and differ from jot::jws).
#include "jot/raw_signature.hpp"
#include "key_handle.hpp"
#include "napi_bytes.hpp"

namespace jot::node {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::optional<Algorithm> read_algorithm(Napi::Env env, const Napi::Value& value) {
  if (value.IsString()) {
    auto alg = algorithm_from_string(value.As<Napi::String>().Utf8Value());
    if (alg && *alg != Algorithm::kNone) return alg;
  }
  Napi::TypeError::New(env, "jot: unsupported algorithm").ThrowAsJavaScriptException();
  return std::nullopt;
}

// Node's forgiving base64 decoding of an RS/PS/ES signature (jwa hands the text to
// Buffer.from(…, 'base64')): a dangling sixth bit group is ignored and unused trailing bits
// need not be zero. The text was already restricted to the base64url alphabet by the caller.
bool decode_lenient(std::string_view text, std::string& out) {
  if (jot::base64url::decode_into(text, out)) return true;
  std::string canonical(text);
  if (canonical.size() % 4 == 1) canonical.pop_back();
  if (canonical.size() % 4 != 0) {
    // Clear the bits of the last character that encode no byte (4 of them after 2 leading
    // characters, 2 after 3).
    auto index = kAlphabet.find(canonical.back());
    if (index == std::string_view::npos) return false;
    const std::size_t mask = canonical.size() % 4 == 2 ? 0x30 : 0x3c;
    canonical.back() = kAlphabet[index & mask];
  }
  return jot::base64url::decode_into(canonical, out);
}

void throw_error(Napi::Env env, const Error& error) {
  Napi::Error::New(env, std::string(error.message())).ThrowAsJavaScriptException();
}

// lib/sign.js runs jsonwebtoken's key-type checks first, so a key that does not fit the
// algorithm gets here only with allowInvalidAsymmetricKeyTypes. That option turns off
// jsonwebtoken's checks, not libjot's key binding; say so in the binding's own words.
void throw_foreign_key(Napi::Env env, const Key& key, Algorithm alg) {
  std::string kind(to_string(key.type()));
  if (key.curve() != Curve::kNone) kind += " " + std::string(to_string(key.curve()));
  Napi::Error::New(env, "jot: " + std::string(to_string(alg)) + " cannot sign with an " + kind +
                            " key (allowInvalidAsymmetricKeyTypes turns off jsonwebtoken's "
                            "key-type checks, not jot's key/algorithm binding)")
      .ThrowAsJavaScriptException();
}

// sign(handle, alg, headerJson: string, payload: string|Buffer) → compact token.
// The header is taken as latin1 bytes and the payload as UTF-8 (or the Buffer's bytes), as
// jws encodes them.
Napi::Value sign(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Key* key = unwrap_key(env, info[0]);
  if (key == nullptr) return env.Undefined();
  auto alg = read_algorithm(env, info[1]);
  if (!alg) return env.Undefined();

  thread_local std::string header;
  thread_local std::string payload;
  thread_local std::string signature;
  if (!read_latin1(env, info[2], header)) return env.Undefined();
  if (!read_bytes(env, info[3], payload)) return env.Undefined();

  std::string token;
  token.reserve(base64url::encoded_size(header.size()) + base64url::encoded_size(payload.size()) +
                2 + 700);
  base64url::encode_append(header, token);
  token.push_back('.');
  base64url::encode_append(payload, token);
  signature.clear();
  // sign_raw checks the key ⇄ algorithm binding first.
  if (auto signed_ok = sign_raw(*alg, *key, token, signature); !signed_ok) {
    if (signed_ok.error().code() == Errc::kKeyMismatch) {
      throw_foreign_key(env, *key, *alg);
    } else {
      throw_error(env, signed_ok.error());
    }
    return env.Undefined();
  }
  token.push_back('.');
  base64url::encode_append(signature, token);
  return Napi::String::New(env, token);
}

// verify(handle, alg, token: string, lastDot: number) → boolean. The signing input is the
// token up to lastDot (its original first two segments), the signature what follows.
Napi::Value verify(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Key* key = unwrap_key(env, info[0]);
  if (key == nullptr) return env.Undefined();
  auto alg = read_algorithm(env, info[1]);
  if (!alg) return env.Undefined();
  thread_local std::string token;
  thread_local std::string signature;
  if (!read_bytes(env, info[2], token)) return env.Undefined();
  if (!info[3].IsNumber()) {
    Napi::TypeError::New(env, "jot: expected the signature offset").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  const double dot = info[3].As<Napi::Number>().DoubleValue();
  if (!(dot >= 0) || dot >= static_cast<double>(token.size())) {
    Napi::RangeError::New(env, "jot: signature offset out of range").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  const auto split = static_cast<std::size_t>(dot);
  const std::string_view input(token.data(), split);
  const std::string_view text(token.data() + split + 1, token.size() - split - 1);

  // A key that cannot be used with this algorithm (reachable only through
  // allowInvalidAsymmetricKeyTypes) verifies nothing: verify_raw checks the binding.
  // HMAC: jwa compares base64url texts, so only the canonical encoding can match: strict.
  const bool decoded = family_of(*alg) == AlgorithmFamily::kHmac
                           ? base64url::decode_into(text, signature)
                           : decode_lenient(text, signature);
  if (!decoded) return Napi::Boolean::New(env, false);
  return Napi::Boolean::New(env, verify_raw(*alg, *key, input, signature));
}

}  // namespace

void register_jws_functions(Napi::Env env, Napi::Object exports) {
  exports.Set("sign", Napi::Function::New(env, guarded<sign>, "sign"));
  exports.Set("verify", Napi::Function::New(env, guarded<verify>, "verify"));
}

}  // namespace jot::node
