// HTTPS: the server's certificate is always verified, chain and host name; a test CA is
// trusted only through ca_file.

#include <gtest/gtest.h>

#include "remote_fixture.hpp"
#include "signing_keys.hpp"

namespace jot::test {
namespace {

class RemoteHttps : public ::testing::Test {
 protected:
  static RemoteJwksOptions https_options(const JwksServer& server, const std::string& host,
                                         const std::string& ca_file) {
    RemoteJwksOptions options;
    options.url = server.url(host);
    options.ca_file = ca_file;
    options.timeout = 1000ms;
    return options;
  }

  SigningKey key_ = make_signing_key("a");
};

TEST_F(RemoteHttps, TrustedCertificateFromCaFileWorks) {
  const TlsIdentity identity = make_self_signed("DNS:localhost,IP:127.0.0.1");
  const TempFile ca(identity.certificate_pem);
  JwksServer server(identity);
  server.set_jwks(jwks_of({&key_}));
  for (const char* host : {"localhost", "127.0.0.1"}) {
    auto remote = make_remote(https_options(server, host, ca.path()));
    const auto verified = try_verify(token_signed_by(key_), remote.resolver());
    ASSERT_TRUE(verified) << host << ": " << verified.error().message();
  }
  EXPECT_EQ(server.requests(), 2);
}

TEST_F(RemoteHttps, UntrustedCertificateIsRefused) {
  const TlsIdentity identity = make_self_signed("DNS:localhost,IP:127.0.0.1");
  JwksServer server(identity);
  server.set_jwks(jwks_of({&key_}));
  // Without ca_file only the system's CAs are trusted, and none of them signed this.
  auto remote = make_remote(https_options(server, "localhost", ""));
  const auto result = remote.resolve(header_with_kid("a"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kKeyFetch);
  EXPECT_NE(result.error().message().find("certificate"), std::string_view::npos)
      << result.error().message();
  EXPECT_EQ(server.requests(), 0);  // the handshake failed: no request was sent
}

TEST_F(RemoteHttps, CertificateOfAnotherCaIsRefused) {
  const TlsIdentity identity = make_self_signed("DNS:localhost,IP:127.0.0.1");
  const TlsIdentity other = make_self_signed("DNS:localhost,IP:127.0.0.1");
  const TempFile other_ca(other.certificate_pem);
  JwksServer server(identity);
  server.set_jwks(jwks_of({&key_}));
  auto remote = make_remote(https_options(server, "localhost", other_ca.path()));
  const auto result = remote.resolve(header_with_kid("a"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kKeyFetch);
  EXPECT_EQ(server.requests(), 0);
}

TEST_F(RemoteHttps, HostNameMismatchIsRefused) {
  // A trusted certificate, but for another name than the URL's host.
  const TlsIdentity identity = make_self_signed("DNS:idp.example");
  const TempFile ca(identity.certificate_pem);
  JwksServer server(identity);
  server.set_jwks(jwks_of({&key_}));
  auto remote = make_remote(https_options(server, "127.0.0.1", ca.path()));
  const auto result = remote.resolve(header_with_kid("a"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kKeyFetch);
  EXPECT_NE(result.error().message().find("127.0.0.1"), std::string_view::npos)
      << result.error().message();
  EXPECT_EQ(server.requests(), 0);
}

// An https:// URL never falls back to plain HTTP: a plain server is a TLS failure.
TEST_F(RemoteHttps, PlainServerBehindHttpsUrlIsAnError) {
  JwksServer plain;
  plain.set_jwks(jwks_of({&key_}));
  RemoteJwksOptions options;
  options.url = "https://127.0.0.1:" + std::to_string(plain.port()) + "/jwks.json";
  options.timeout = 1000ms;
  auto remote = make_remote(options);
  const auto result = remote.resolve(header_with_kid("a"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kKeyFetch);
}

}  // namespace
}  // namespace jot::test
