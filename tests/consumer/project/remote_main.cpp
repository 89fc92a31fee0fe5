// The smallest real use of an installed jot::remote: options are checked at creation, and a
// fetch from a loopback port where nothing listens fails with kKeyFetch (no network beyond
// this machine). Exit status 0 only if all of it behaves.

#include <iostream>
#include <jot/jot.hpp>
#include <jot/remote_jwks.hpp>

int main() {
  jot::RemoteJwksOptions plain;
  plain.url = "http://127.0.0.1:1/jwks.json";
  const auto refused = jot::RemoteJwks::create(plain);
  const bool http_refused = !refused && refused.error().code() == jot::Errc::kInvalidOption;

  jot::RemoteJwksOptions options;
  options.url = "https://127.0.0.1:1/jwks.json";
  options.timeout = std::chrono::seconds(2);
  auto jwks = jot::RemoteJwks::create(options);
  bool fetch_failed = false;
  if (jwks) {
    const auto key = jwks->resolve(jot::JsonObject::parse(R"({"alg":"ES256","kid":"a"})").value());
    fetch_failed = !key && key.error().code() == jot::Errc::kKeyFetch;
    if (!key) std::cout << "expected failure: " << key.error().message() << "\n";
  }
  const bool ok = http_refused && jwks && fetch_failed;
  std::cout << (ok ? "remote consumer ok" : "remote consumer FAILED") << "\n";
  return ok ? 0 : 1;
}
