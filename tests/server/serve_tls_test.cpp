// `jot serve --tls-cert --tls-key` end to end, with real clients: curl and Python's ssl module
// (tls_probe.py). The certificates are made at test time (self_signed_cert.hpp).

#include <gtest/gtest.h>

#include <csignal>
#include <string>

#include "curl_client.hpp"
#include "jot/json_object.hpp"
#include "self_signed_cert.hpp"
#include "serve_support.hpp"

#ifndef JOT_TESTS_DIR
#error "JOT_TESTS_DIR must name tests/server"
#endif

namespace jot::server::test {
namespace {

const std::string kProbe = std::string(JOT_TESTS_DIR) + "/tls_probe.py";

JsonObject probe(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"python3", kProbe};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto r = run_command(argv);
  auto o = JsonObject::parse(r.out);
  EXPECT_TRUE(o) << "tls_probe.py: " << r.out << r.err;
  return o ? *o : JsonObject();
}

// A server on HTTPS with a fresh certificate for 127.0.0.1; `ca.pem` trusts it.
struct TlsServer {
  explicit TlsServer(std::vector<std::string> more = {}) {
    const auto identity = jot::test::make_self_signed("IP:127.0.0.1");
    const TempDir& d = files;
    d.write("cert.pem", identity.certificate_pem);
    d.write("key.pem", identity.private_key_pem);
    d.write("ca.pem", identity.certificate_pem);
    std::vector<std::string> args = {"--tls-cert", d.file("cert.pem"), "--tls-key",
                                     d.file("key.pem")};
    args.insert(args.end(), more.begin(), more.end());
    served = serve_with_user(args);
  }
  std::string ca() const { return files.file("ca.pem"); }
  std::string port() const { return std::to_string(served->server->port()); }
  std::vector<std::string> curl_tls() const { return {"--cacert", ca()}; }

  TempDir files;  // the certificates (the server's own directory holds users.db)
  std::unique_ptr<ServedDir> served;
};

TEST(ServeTls, AnnouncesHttpsAndServesTheFlowToCurl) {
  TlsServer tls;
  const auto& server = *tls.served->server;
  ASSERT_EQ(server.url().rfind("https://127.0.0.1:", 0), 0u) << server.url();
  EXPECT_NE(server.log().find("TLS certificate"), std::string::npos) << server.log();

  const auto login = login_as(server.url(), kOpsPassword, {}, tls.curl_tls());
  ASSERT_EQ(login.status, 200) << login.body;
  const auto granted =
      http_request("GET", server.url() + "/protected", {"Authorization: Bearer " + login.token},
                   nullptr, tls.curl_tls());
  EXPECT_EQ(granted.status, 200) << granted.body;
  // Both versions the server speaks.
  for (const char* version : {"--tlsv1.3", "--tls-max"}) {
    std::vector<std::string> options = tls.curl_tls();
    options.push_back(version);
    if (std::string(version) == "--tls-max") options.push_back("1.2");
    EXPECT_EQ(http_request("GET", server.url() + "/health", {}, nullptr, options).status, 200)
        << version;
  }
  // Not trusted without the certificate: curl refuses, as a client must.
  EXPECT_EQ(http_get(server.url() + "/health").status, 0);
}

TEST(ServeTls, PythonSslNegotiatesModernTlsWithAnAeadCipher) {
  TlsServer tls;
  const auto got = probe({"get", tls.port(), tls.ca(), "/health"});
  EXPECT_EQ(got.get_integer("status").value_or(0), 200);
  EXPECT_EQ(got.get_string("version").value_or(""), "TLSv1.3");
  const std::string cipher(got.get_string("cipher").value_or(""));
  EXPECT_TRUE(cipher.find("GCM") != std::string::npos ||
              cipher.find("CHACHA20") != std::string::npos)
      << cipher;
}

TEST(ServeTls, RefusesTls11WeakCiphersAndPlainHttp) {
  TlsServer tls;
  const auto& server = *tls.served->server;
  // TLS 1.1 offered for real: the server answers with a protocol_version alert.
  const auto legacy = probe({"legacy", tls.port(), tls.ca()});
  EXPECT_FALSE(legacy.get_bool("connected").value_or(true));
  EXPECT_NE(std::string(legacy.get_string("reason").value_or("")).find("PROTOCOL_VERSION"),
            std::string::npos)
      << legacy.to_json();
  // TLS 1.2 with a suite without forward secrecy or AEAD: no shared cipher.
  auto weak = tls.curl_tls();
  weak.insert(weak.end(), {"--tls-max", "1.2", "--ciphers", "AES128-SHA256"});
  EXPECT_EQ(http_request("GET", server.url() + "/health", {}, nullptr, weak).status, 0);
  // Plain HTTP on the HTTPS port: no answer, the connection is closed.
  std::string plain = server.url();
  plain.replace(0, 5, "http");
  EXPECT_EQ(http_get(plain + "/health").status, 0);
  // And the server goes on serving.
  EXPECT_EQ(http_request("GET", server.url() + "/health", {}, nullptr, tls.curl_tls()).status, 200);
}

TEST(ServeTls, CertificateChainFileIsAccepted) {
  // Leaf first, then another certificate (standing for an intermediate): loaded as a chain.
  const auto leaf = jot::test::make_self_signed("IP:127.0.0.1");
  const auto other = jot::test::make_self_signed("DNS:intermediate.test");
  TempDir files;
  files.write("chain.pem", leaf.certificate_pem + other.certificate_pem);
  files.write("key.pem", leaf.private_key_pem);
  files.write("ca.pem", leaf.certificate_pem);
  auto served =
      serve_with_user({"--tls-cert", files.file("chain.pem"), "--tls-key", files.file("key.pem")});
  const auto got =
      probe({"get", std::to_string(served->server->port()), files.file("ca.pem"), "/health"});
  EXPECT_EQ(got.get_integer("status").value_or(0), 200);
}

TEST(ServeTls, BadCertificateOrKeyFailsAtStartWithTheReason) {
  const auto a = jot::test::make_self_signed("IP:127.0.0.1");
  const auto b = jot::test::make_self_signed("IP:127.0.0.1");
  TempDir dir;
  dir.write("a.pem", a.certificate_pem);
  dir.write("b-key.pem", b.private_key_pem);
  dir.write("junk.pem", "not a certificate\n");
  const auto run = [&](const std::vector<std::string>& tls_args) {
    std::vector<std::string> argv = {JOT_BINARY, "serve", "--port", "0", "--db", dir.file("u.db")};
    argv.insert(argv.end(), tls_args.begin(), tls_args.end());
    return run_command(argv, {}, std::chrono::seconds(30));
  };
  const auto mismatch = run({"--tls-cert", dir.file("a.pem"), "--tls-key", dir.file("b-key.pem")});
  EXPECT_EQ(mismatch.exit_code, 2);
  EXPECT_NE(mismatch.err.find("key values mismatch"), std::string::npos) << mismatch.err;
  const auto junk = run({"--tls-cert", dir.file("junk.pem"), "--tls-key", dir.file("b-key.pem")});
  EXPECT_EQ(junk.exit_code, 2);
  EXPECT_NE(junk.err.find("cannot load the certificate chain"), std::string::npos) << junk.err;
  const auto alone = run({"--tls-cert", dir.file("a.pem")});
  EXPECT_EQ(alone.exit_code, 2) << alone.err;
}

TEST(ServeTls, SighupReloadsTheCertificateWithoutDroppingConnections) {
  TlsServer tls;
  const auto& server = *tls.served->server;
  const TempDir& d = tls.files;
  const auto next = jot::test::make_self_signed("IP:127.0.0.1");
  const auto first = probe({"get", tls.port(), tls.ca(), "/health"});
  // The new certificate and key in place of the old ones. (Both certificates have the same
  // subject, so each client trusts one of them only.)
  d.write("next-ca.pem", next.certificate_pem);
  d.write("cert.pem", next.certificate_pem);
  d.write("key.pem", next.private_key_pem);

  const auto reload = probe({"reload", tls.port(), tls.ca(), std::to_string(server.pid()),
                             tls.served->dir.file("server.log"), d.file("next-ca.pem")});
  EXPECT_TRUE(reload.get_bool("reloaded").value_or(false)) << server.log();
  EXPECT_EQ(reload.get_string("before").value_or(""),
            first.get_string("fingerprint").value_or("-"));
  // The connection opened before the reload goes on, on the old certificate.
  EXPECT_EQ(reload.get_integer("status_before").value_or(0), 200);
  EXPECT_EQ(reload.get_integer("status_same_connection").value_or(0), 200);
  // A new connection gets the new one.
  EXPECT_NE(reload.get_string("after").value_or(""), reload.get_string("before").value_or(""));
  EXPECT_EQ(reload.get_integer("status_new_connection").value_or(0), 200);

  // A broken file: logged, and the certificate in use stays.
  d.write("cert.pem", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
  tls.served->server->send_signal(SIGHUP);
  ASSERT_TRUE(wait_for_log(server, "TLS certificate NOT reloaded")) << server.log();
  const auto kept = probe({"get", tls.port(), d.file("next-ca.pem"), "/health"});
  EXPECT_EQ(kept.get_integer("status").value_or(0), 200);
  EXPECT_EQ(kept.get_string("fingerprint").value_or(""), reload.get_string("after").value_or("-"));
}

}  // namespace
}  // namespace jot::server::test
