#include "remote_key_options.hpp"

#include <CLI/CLI.hpp>

#if JOT_WITH_REMOTE
#include <jot/remote_jwks.hpp>
#endif

namespace jot::cli {

#if JOT_WITH_REMOTE

namespace {
// RemoteJwks::create's messages start with the struct's name, which means nothing here.
constexpr std::string_view kOptionsPrefix = "RemoteJwksOptions: ";
}  // namespace

void add_remote_key_options(CLI::App& command, RemoteKeyArgs& args) {
  const char* group = "Remote key set (instead of a key option)";
  args.url_opt = command
                     .add_option("--jwks-url", args.url,
                                 "fetch the keys from this JWK Set URL (https://) and pick "
                                 "the token's by kid")
                     ->type_name("URL")
                     ->group(group);
  command
      .add_option("--jwks-ca-file", args.ca_file,
                  "trust the CA certificates in this PEM file instead of the system's")
      ->type_name("FILE")
      ->needs(args.url_opt)
      ->group(group);
  command
      .add_flag("--jwks-insecure-http", args.insecure_http,
                "accept an http:// --jwks-url (keys fetched without TLS). Insecure")
      ->needs(args.url_opt)
      ->group(group);
}

bool remote_key_given(const RemoteKeyArgs& args) {
  return args.url_opt != nullptr && args.url_opt->count() != 0;
}

Result<KeyResolver> make_remote_resolver(const RemoteKeyArgs& args, const KeyOptions& options) {
  // The library's message names its option; here the user needs the flag's name.
  if (args.url.starts_with("http://") && !args.insecure_http) {
    return Error(Errc::kInvalidOption,
                 "--jwks-url: an http:// URL fetches the keys without TLS; use https:// or add "
                 "--jwks-insecure-http");
  }
  RemoteJwksOptions remote;
  remote.url = args.url;
  remote.ca_file = args.ca_file;
  remote.allow_insecure_http = args.insecure_http;
  remote.key_options = options;
  auto jwks = RemoteJwks::create(std::move(remote));
  if (!jwks) {
    std::string_view message = jwks.error().message();
    if (message.starts_with(kOptionsPrefix)) message.remove_prefix(kOptionsPrefix.size());
    return Error(jwks.error().code(), "--jwks-url: " + std::string(message));
  }
  return jwks->resolver();
}

#else

void add_remote_key_options(CLI::App&, RemoteKeyArgs&) {}

bool remote_key_given(const RemoteKeyArgs&) {
  return false;
}

Result<KeyResolver> make_remote_resolver(const RemoteKeyArgs&, const KeyOptions&) {
  return Error(Errc::kUnsupported, "this jot was built without jot::remote (--jwks-url)");
}

#endif

}  // namespace jot::cli
