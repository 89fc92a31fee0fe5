#include "jwt/sign_header.hpp"

#include "jot/base64url.hpp"
#include "json/json_doc.hpp"
#include "jws/core.hpp"

namespace jot::detail {

namespace {

struct RememberedHeader {
  Algorithm alg = Algorithm::kNone;
  std::string typ;
  bool has_kid = false;
  std::string kid;
  std::string encoded;
  bool valid = false;
};

}  // namespace

std::string_view default_header_b64(Algorithm alg, std::string_view key_kid,
                                    const SignOptions& options) {
  const std::string_view typ = options.typ ? std::string_view(*options.typ) : "JWT";
  const std::string_view kid = options.keyid ? std::string_view(*options.keyid) : key_kid;
  const bool has_kid = options.keyid.has_value() || !key_kid.empty();
  thread_local RememberedHeader memory;
  if (memory.valid && memory.alg == alg && memory.typ == typ && memory.has_kid == has_kid &&
      (!has_kid || memory.kid == kid)) {
    return memory.encoded;
  }
  memory.valid = false;                                     // stays false if anything below throws
  const auto header = build_header(alg, key_kid, options);  // cannot fail without header_json
  memory.encoded.clear();
  base64url::encode_append(header->json, memory.encoded);
  memory.alg = alg;
  memory.typ.assign(typ);
  memory.has_kid = has_kid;
  memory.kid.assign(has_kid ? kid : std::string_view());
  memory.valid = true;
  return memory.encoded;
}

Result<SignHeader> build_header(Algorithm alg, std::string_view key_kid,
                                const SignOptions& options) {
  const std::string_view typ = options.typ ? std::string_view(*options.typ) : "JWT";
  const std::string_view kid = options.keyid ? std::string_view(*options.keyid) : key_kid;
  const bool has_kid = options.keyid.has_value() || !key_kid.empty();
  if (options.header_json.empty()) {
    // The common case needs no JSON document: write the text directly (same bytes as the
    // general path below).
    SignHeader header{"{\"alg\":", alg};
    append_json_string(to_string(alg), header.json);
    header.json += ",\"typ\":";
    append_json_string(typ, header.json);
    if (has_kid) {
      header.json += ",\"kid\":";
      append_json_string(kid, header.json);
    }
    header.json += '}';
    return header;
  }

  JsonObject::Builder builder;
  builder.set("alg", to_string(alg));
  builder.set("typ", typ);
  if (has_kid) builder.set("kid", kid);
  JsonLimits limits;
  limits.max_bytes = 1024 * 1024;
  auto extra = JsonObject::parse(options.header_json, limits);
  if (!extra) {
    return Error(Errc::kInvalidOption,
                 "\"header\" must be an object: " + std::string(extra.error().message()))
        .about("header");
  }
  // Like Object.assign: an existing member (alg, typ, kid) is replaced in place, others
  // are appended in their order.
  for (std::string_view name : extra->names()) {
    const auto value = extra->get_json(name);
    if (!value) continue;
    if (auto ok = builder.set_json(name, *value); !ok) return std::move(ok).error();
  }
  JsonObject header = std::move(builder).build();
  // An alg from header_json is what the token will say, so it is what is signed with; it
  // must name an algorithm jot implements and is checked against the key like any other.
  const auto name = header.get_string("alg");
  const auto final_alg = name ? algorithm_from_string(*name) : std::nullopt;
  if (!final_alg) {
    return Error(Errc::kInvalidOption,
                 "\"header.alg\" must be the name of a supported algorithm, e.g. \"HS256\"")
        .about("alg");
  }
  if (auto ok = check_header_for_signing(json_doc(header).object); !ok)
    return std::move(ok).error();
  return SignHeader{header.to_json(), *final_alg};
}

}  // namespace jot::detail
