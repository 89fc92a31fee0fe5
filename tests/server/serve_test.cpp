// `jot serve` end to end: the real binary on a free loopback port, spoken to over real HTTP
// by curl. Tokens for the hostile cases are made here with libjot and the server's own key
// files, so that each case differs from a valid token in exactly one respect.

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <thread>

#include "curl_client.hpp"
#include "jot/base64url.hpp"
#include "jot/json_object.hpp"
#include "jot/jws.hpp"
#include "jot/jwt.hpp"
#include "jot/key.hpp"
#include "process.hpp"

#ifndef JOT_BINARY
#error "JOT_BINARY must name the jot executable"
#endif

namespace jot::server::test {
namespace {

constexpr const char* kPassword = "correct horse battery staple";

Key generate(Algorithm alg) {
  auto key = Key::generate(alg);
  if (!key) throw std::runtime_error(std::string(key.error().message()));
  return *key;
}

std::string private_pem(const Key& key) {
  auto pem = key.private_pem();
  if (!pem) throw std::runtime_error(std::string(pem.error().message()));
  return *pem;
}

std::string thumbprint(const Key& key) {
  return *key.thumbprint();
}

JsonObject parse_json(const std::string& text) {
  auto o = JsonObject::parse(text);
  EXPECT_TRUE(o) << "not a JSON object: " << text;
  return o ? *o : JsonObject();
}

std::string bearer(const std::string& token) {
  return "Authorization: Bearer " + token;
}

// Adds a user with `jot user add NAME --db PATH`, the password on stdin.
void add_user(const std::string& db, const std::string& name, const std::string& password) {
  const auto r = run_command({JOT_BINARY, "user", "add", name, "--db", db}, password + "\n");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
}

// POST /logout with the token as bearer, no body.
HttpReply logout(const std::string& base_url, const std::string& token) {
  return http_request("POST", base_url + "/logout", {bearer(token)}, nullptr);
}

std::string challenge_of(const HttpReply& reply) {
  const auto it = reply.headers.find("www-authenticate");
  return it == reply.headers.end() ? std::string() : it->second;
}

std::string jti_of(const std::string& token) {
  auto decoded = unverified_decode(token);
  EXPECT_TRUE(decoded) << token;
  return decoded ? std::string(decoded->payload().get_string("jti").value_or("")) : std::string();
}

std::unique_ptr<ServerProcess> start_server(const TempDir& dir, std::vector<std::string> args,
                                            const std::string& log_name = "server.log") {
  std::vector<std::string> argv = {JOT_BINARY, "serve", "--port", "0", "--threads", "2"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto server = std::make_unique<ServerProcess>(argv, dir.file(log_name));
  EXPECT_TRUE(server->started()) << server->banner() << server->log();
  return server;
}

std::string login(const ServerProcess& server, const std::string& user,
                  const std::string& password) {
  const auto r = http_post_json(server.url() + "/login",
                                R"({"username":")" + user + R"(","password":")" + password + "\"}");
  EXPECT_EQ(r.status, 200) << r.body;
  return std::string(parse_json(r.body).get_string("token").value_or(""));
}

// One server for most cases: two ES256 keys (rotation), issuer and audience, alice.
class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    old_key_ = new Key(generate(Algorithm::kES256));
    new_key_ = new Key(generate(Algorithm::kES256));
    dir_->write("old.pem", private_pem(*old_key_));
    dir_->write("new.pem", private_pem(*new_key_));
    add_user(dir_->file("users.db"), "alice", kPassword);
    // The suite logs in far more often than a client would: the login limit is tested on
    // its own server (ServeLoginLimit).
    server_ = start_server(*dir_, {"--db", dir_->file("users.db"), "--key", dir_->file("old.pem"),
                                   "--key", dir_->file("new.pem"), "--iss", "jot-test", "--aud",
                                   "jot-api", "--ttl", "5m", "--login-rate", "0"})
                  .release();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete new_key_;
    delete old_key_;
    delete dir_;
  }
  void SetUp() override { ASSERT_TRUE(server_->started()); }

  static std::string url(const std::string& path) { return server_->url() + path; }

  // A token made here the way the server makes them, then changed by `edit`.
  static std::string mint(const std::function<void(SignOptions&)>& edit = {},
                          const Key* key = nullptr) {
    SignOptions o;
    o.expires_in = std::chrono::seconds(300);
    o.subject = "alice";
    o.issuer = "jot-test";
    o.audience = {"jot-api"};
    o.keyid = thumbprint(*new_key_);
    if (edit) edit(o);
    auto token = try_sign(JsonObject(), key != nullptr ? *key : *new_key_, o);
    EXPECT_TRUE(token) << token.error().message();
    return token ? *token : std::string();
  }

  // Asserts a 401 from /protected with the RFC 6750 challenge; returns its description.
  static std::string expect_rejected(const std::vector<std::string>& headers,
                                     const std::string& error = "invalid_token") {
    const auto r = http_get(url("/protected"), headers);
    EXPECT_EQ(r.status, 401) << r.body;
    const auto& challenge =
        r.headers.count("www-authenticate") != 0 ? r.headers.at("www-authenticate") : std::string();
    EXPECT_EQ(challenge.rfind("Bearer ", 0), 0u) << challenge;
    EXPECT_NE(challenge.find("error=\"" + error + "\""), std::string::npos) << challenge;
    std::smatch m;
    if (!std::regex_search(challenge, m, std::regex("error_description=\"([^\"]*)\""))) {
      ADD_FAILURE() << "no error_description in " << challenge;
      return {};
    }
    EXPECT_EQ(parse_json(r.body).get_string("error"), error);
    return m[1];
  }

  static TempDir* dir_;
  static Key* old_key_;
  static Key* new_key_;
  static ServerProcess* server_;
};

TempDir* ServeTest::dir_ = nullptr;
Key* ServeTest::old_key_ = nullptr;
Key* ServeTest::new_key_ = nullptr;
ServerProcess* ServeTest::server_ = nullptr;

TEST_F(ServeTest, PrintsTheListeningLineWithTheChosenPort) {
  EXPECT_TRUE(std::regex_match(server_->url(), std::regex(R"(http://127\.0\.0\.1:[0-9]+)")))
      << server_->url();
  EXPECT_GT(server_->port(), 0);
}

TEST_F(ServeTest, Health) {
  const auto r = http_get(url("/health"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(parse_json(r.body).get_string("status"), "ok");
}

TEST_F(ServeTest, LoginIssuesATokenSignedWithTheNewestKey) {
  const auto r = http_post_json(
      url("/login"), R"({"username":"alice","password":")" + std::string(kPassword) + "\"}");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  EXPECT_EQ(r.headers.at("cache-control"), "no-store");
  const auto body = parse_json(r.body);
  EXPECT_EQ(body.get_string("token_type"), "Bearer");
  EXPECT_EQ(body.get_integer("expires_in"), 300);
  const std::string token(body.get_string("token").value_or(""));

  // Verified here with the new key's public half alone: the newest key signed it.
  auto pub = Key::from_pem(*new_key_->public_pem());
  ASSERT_TRUE(pub);
  VerifyOptions options;
  options.issuer = {"jot-test"};
  options.audience = {std::string("jot-api")};
  auto verified = try_verify(token, *pub, options);
  ASSERT_TRUE(verified) << verified.error().message();
  EXPECT_EQ(verified->header().get_string("alg"), "ES256");
  EXPECT_EQ(verified->header().get_string("kid"), thumbprint(*new_key_));
  EXPECT_EQ(verified->payload().get_string("sub"), "alice");
}

TEST_F(ServeTest, WrongPasswordAndUnknownUserGetTheSame401) {
  const auto wrong = http_post_json(url("/login"), R"({"username":"alice","password":"nope"})");
  const auto unknown = http_post_json(url("/login"), R"({"username":"mallory","password":"x"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_EQ(parse_json(wrong.body).get_string("error"), "invalid_credentials");
}

TEST_F(ServeTest, MalformedLoginRequestsGet400) {
  for (const char* body :
       {"", "not json", "[]", R"({"username":"alice"})", R"({"username":1,"password":"x"})",
        R"({"username":"a","password":"x")"}) {
    const auto r = http_post_json(url("/login"), body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(parse_json(r.body).get_string("error"), "invalid_request") << body;
  }
}

TEST_F(ServeTest, ProtectedGrantsAccessWithTheVerifiedClaims) {
  const std::string token = login(*server_, "alice", kPassword);
  for (const char* path : {"/protected", "/me"}) {
    const auto r = http_get(url(path), {bearer(token)});
    ASSERT_EQ(r.status, 200) << path << ": " << r.body;
    const auto body = parse_json(r.body);
    EXPECT_EQ(body.get_string("message"), "access granted");
    const auto claims = parse_json(body.get_json("claims").value_or("{}"));
    EXPECT_EQ(claims.get_string("sub"), "alice");
    EXPECT_EQ(claims.get_string("iss"), "jot-test");
    if (std::string(path) == "/me") {
      EXPECT_EQ(body.get_string("user"), "alice");
    }
  }
}

TEST_F(ServeTest, MissingOrMalformedAuthorizationIsAnInvalidRequest) {
  EXPECT_EQ(expect_rejected({}, "invalid_request"), "missing Authorization header");
  expect_rejected({"Authorization: Basic YWxpY2U6cHc="}, "invalid_request");
  expect_rejected({"Authorization: Bearer"}, "invalid_request");
  expect_rejected({"Authorization: Bearer a b"}, "invalid_request");
}

TEST_F(ServeTest, MalformedTokensAreRejected) {
  EXPECT_EQ(expect_rejected({bearer("abc.def")}), "jwt malformed");
  // Three segments that are not a JWS: the library's "invalid token" (with detail).
  EXPECT_EQ(expect_rejected({bearer("a.b.c")}).rfind("invalid token", 0), 0u);
}

TEST_F(ServeTest, ExpiredTokensAreRejected) {
  const auto token = mint([](SignOptions& o) {
    o.timestamp = static_cast<std::int64_t>(std::time(nullptr)) - 3600;
    o.expires_in = std::chrono::seconds(60);
  });
  EXPECT_EQ(expect_rejected({bearer(token)}), "jwt expired");
}

TEST_F(ServeTest, NotYetValidTokensAreRejected) {
  const auto token = mint([](SignOptions& o) { o.not_before = std::chrono::seconds(120); });
  EXPECT_EQ(expect_rejected({bearer(token)}), "jwt not active");
}

TEST_F(ServeTest, ValidMintedTokenIsAccepted) {
  // The control for the cases around it: the same recipe, unchanged, passes.
  EXPECT_EQ(http_get(url("/protected"), {bearer(mint())}).status, 200);
}

TEST_F(ServeTest, TamperedTokensAreRejected) {
  const std::string token = login(*server_, "alice", kPassword);
  auto parts = jws::split(token);
  ASSERT_TRUE(parts);
  auto payload = base64url::decode(parts->payload);
  ASSERT_TRUE(payload);
  const auto at = payload->find("alice");
  ASSERT_NE(at, std::string::npos);
  payload->replace(at, 5, "admin");
  const std::string forged = std::string(parts->header) + "." + base64url::encode(*payload) + "." +
                             std::string(parts->signature);
  EXPECT_EQ(expect_rejected({bearer(forged)}), "invalid signature");
}

TEST_F(ServeTest, TokensSignedWithAnotherKeyAreRejected) {
  const Key stranger = generate(Algorithm::kES256);
  // Claiming the server's kid: selected key is the server's, the signature fails.
  EXPECT_EQ(expect_rejected({bearer(mint({}, &stranger))}), "invalid signature");
  // Naming an unknown kid: no key is found.
  const auto unknown_kid = mint([&](SignOptions& o) { o.keyid = thumbprint(stranger); }, &stranger);
  EXPECT_FALSE(expect_rejected({bearer(unknown_kid)}).empty());
}

TEST_F(ServeTest, AlgNoneIsRejected) {
  const std::string header =
      base64url::encode(R"({"alg":"none","typ":"JWT","kid":")" + thumbprint(*new_key_) + "\"}");
  const std::string payload =
      base64url::encode(R"({"sub":"alice","iss":"jot-test","aud":"jot-api","exp":)" +
                        std::to_string(std::time(nullptr) + 300) + "}");
  EXPECT_FALSE(expect_rejected({bearer(header + "." + payload + ".")}).empty());
}

TEST_F(ServeTest, OtherAlgorithmsAreRejected) {
  // HS256 with some secret under the server's kid: the classic confusion attempt.
  auto secret = Key::from_secret(std::string(32, 's'));
  ASSERT_TRUE(secret);
  EXPECT_EQ(expect_rejected(
                {bearer(mint([](SignOptions& o) { o.algorithm = Algorithm::kHS256; }, &*secret))}),
            "invalid algorithm");
  // ES384 with a P-384 key: a real asymmetric algorithm the server was not configured for.
  const Key p384 = generate(Algorithm::kES384);
  EXPECT_EQ(expect_rejected({bearer(mint({}, &p384))}), "invalid algorithm");
}

TEST_F(ServeTest, WrongIssuerOrAudienceIsRejected) {
  EXPECT_EQ(expect_rejected({bearer(mint([](SignOptions& o) { o.issuer = "evil"; }))}),
            "jwt issuer invalid. expected: jot-test");
  EXPECT_EQ(expect_rejected({bearer(mint([](SignOptions& o) { o.audience = {"other"}; }))}),
            "jwt audience invalid. expected: jot-api");
}

TEST_F(ServeTest, TokensWithoutExpiryAreRejected) {
  const auto token = mint([](SignOptions& o) { o.expires_in.reset(); });
  EXPECT_FALSE(expect_rejected({bearer(token)}).empty());
}

TEST_F(ServeTest, JwksPublishesBothPublicKeysWithKids) {
  const auto r = http_get(url("/.well-known/jwks.json"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("\"d\""), std::string::npos);
  auto set = KeySet::from_jwks(r.body);
  ASSERT_TRUE(set) << set.error().message();
  ASSERT_EQ(set->keys().size(), 2u);
  EXPECT_EQ(set->keys()[0].kid(), thumbprint(*old_key_));
  EXPECT_EQ(set->keys()[1].kid(), thumbprint(*new_key_));
  // What the server issues verifies against what it publishes.
  VerifyOptions options;
  options.audience = {std::string("jot-api")};
  auto verified = try_verify(login(*server_, "alice", kPassword), *set, options);
  EXPECT_TRUE(verified) << verified.error().message();
}

TEST_F(ServeTest, UnknownRoutesAndMethods) {
  EXPECT_EQ(http_get(url("/nope")).status, 404);
  const auto r = http_request("DELETE", url("/protected"), {}, nullptr);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers.at("allow"), "GET");
  EXPECT_EQ(http_get(url("/login")).status, 405);
}

TEST_F(ServeTest, OversizedRequestsAreRefused) {
  const std::string big_body =
      R"({"username":"alice","password":")" + std::string(20000, 'x') + "\"}";
  EXPECT_EQ(http_post_json(url("/login"), big_body).status, 413);
  EXPECT_EQ(http_get(url("/health"), {"X-Filler: " + std::string(20000, 'x')}).status, 431);
  // And the server still serves.
  EXPECT_EQ(http_get(url("/health")).status, 200);
}

TEST_F(ServeTest, AccessLogHasOneLinePerRequestAndNoSecrets) {
  const std::string token = login(*server_, "alice", kPassword);
  ASSERT_EQ(http_get(url("/protected?probe=1"), {bearer(token)}).status, 200);
  const std::string log = server_->log();
  EXPECT_TRUE(std::regex_search(log, std::regex(R"("POST /login HTTP/1\.1" 200 )"))) << log;
  EXPECT_TRUE(std::regex_search(log, std::regex(R"("GET /protected HTTP/1\.1" 200 )"))) << log;
  EXPECT_EQ(log.find(token), std::string::npos);
  EXPECT_EQ(log.find(kPassword), std::string::npos);
  EXPECT_EQ(log.find("probe=1"), std::string::npos);  // query strings may carry secrets
}

TEST_F(ServeTest, EveryLoginGivesADistinctJti) {
  const std::string a = jti_of(login(*server_, "alice", kPassword));
  const std::string b = jti_of(login(*server_, "alice", kPassword));
  EXPECT_EQ(a.size(), 22u) << a;  // 128 bits, base64url
  EXPECT_EQ(b.size(), 22u) << b;
  EXPECT_NE(a, b);
}

TEST_F(ServeTest, LogoutRefusesWhatProtectedRefusesAndTokensWithoutJti) {
  const auto missing = http_request("POST", url("/logout"), {}, nullptr);
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(
      missing.headers.count("www-authenticate") != 0 ? missing.headers.at("www-authenticate")
                                                     : std::string(),
      R"(Bearer realm="jot", error="invalid_request", error_description="missing Authorization header")");
  const auto expired = mint([](SignOptions& o) {
    o.timestamp = static_cast<std::int64_t>(std::time(nullptr)) - 3600;
    o.expires_in = std::chrono::seconds(60);
    o.jwtid = "expired-one";
  });
  const auto r = logout(server_->url(), expired);
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(challenge_of(r).find(R"(error_description="jwt expired")"), std::string::npos);
  // Minted without a jti (as tokens were before): verifies, but cannot be revoked.
  const auto no_jti = logout(server_->url(), mint());
  EXPECT_EQ(no_jti.status, 400) << no_jti.body;
  EXPECT_EQ(parse_json(no_jti.body).get_string("error"), "invalid_request");
  EXPECT_EQ(http_get(url("/logout")).status, 405);
  EXPECT_EQ(http_get(url("/logout")).headers.at("allow"), "POST");
}

// ---- Servers with other configurations ----------------------------------------------

TEST(ServeRotation, OldTokensStayValidUntilTheirKeyIsRemoved) {
  TempDir dir;
  const Key k1 = generate(Algorithm::kES256);
  const Key k2 = generate(Algorithm::kEdDSA);
  dir.write("k1.pem", private_pem(k1));
  dir.write("k2.pem", private_pem(k2));
  add_user(dir.file("u.db"), "bob", "pw-of-bob");
  const std::vector<std::string> db = {"--db", dir.file("u.db")};

  std::string before;
  {
    auto a = start_server(dir, {"--db", dir.file("u.db"), "--key", dir.file("k1.pem")}, "a.log");
    before = login(*a, "bob", "pw-of-bob");
  }
  // Rotated: k2 appended. k2 signs, k1 still verifies.
  auto b = start_server(
      dir, {"--db", dir.file("u.db"), "--key", dir.file("k1.pem"), "--key", dir.file("k2.pem")},
      "b.log");
  EXPECT_EQ(http_get(b->url() + "/protected", {bearer(before)}).status, 200);
  const std::string after = login(*b, "bob", "pw-of-bob");
  auto header = unverified_decode(after);
  ASSERT_TRUE(header);
  EXPECT_EQ(header->header().get_string("alg"), "EdDSA");
  EXPECT_EQ(header->header().get_string("kid"), thumbprint(k2));
  // k1 retired: its tokens are refused, k2's still pass.
  auto c = start_server(dir, {"--db", dir.file("u.db"), "--key", dir.file("k2.pem")}, "c.log");
  EXPECT_EQ(http_get(c->url() + "/protected", {bearer(before)}).status, 401);
  EXPECT_EQ(http_get(c->url() + "/protected", {bearer(after)}).status, 200);
}

// Each key of the ring verifies under its own algorithm only, not under the union of the
// ring's algorithms: old.pem (RSA, RS256) and new.pem (RSA, signing PS256). A token signed
// by new.pem under RS256, or by old.pem under PS256, names a real key and an algorithm the
// ring allows, and is still refused.
TEST(ServeRotation, EveryKeyVerifiesUnderItsOwnAlgorithmOnly) {
  TempDir dir;
  const Key old_key = generate(Algorithm::kRS256);
  const Key new_key = generate(Algorithm::kRS256);
  dir.write("old.pem", private_pem(old_key));
  dir.write("new.pem", private_pem(new_key));
  add_user(dir.file("u.db"), "bob", "pw-of-bob");
  auto server = start_server(dir, {"--db", dir.file("u.db"), "--key", dir.file("old.pem"), "--key",
                                   dir.file("new.pem"), "--alg", "PS256"});
  const auto status = [&](const Key& key, Algorithm alg) {
    SignOptions o;
    o.algorithm = alg;
    o.expires_in = Timespan(std::chrono::seconds(300));
    o.subject = "bob";
    o.keyid = thumbprint(key);
    auto token = try_sign(JsonObject(), key, o);
    EXPECT_TRUE(token) << token.error().message();
    return http_get(server->url() + "/protected", {bearer(token ? *token : "")}).status;
  };
  EXPECT_EQ(
      http_get(server->url() + "/protected", {bearer(login(*server, "bob", "pw-of-bob"))}).status,
      200);
  EXPECT_EQ(status(new_key, Algorithm::kPS256), 200);
  EXPECT_EQ(status(old_key, Algorithm::kRS256), 200);
  EXPECT_EQ(status(new_key, Algorithm::kRS256), 401);  // the newest key under the old one's alg
  EXPECT_EQ(status(old_key, Algorithm::kPS256), 401);  // the old key under the signer's alg
  // The published set says which algorithm each key is for.
  const auto jwks = http_get(server->url() + "/.well-known/jwks.json", {});
  EXPECT_NE(jwks.body.find("\"alg\":\"RS256\""), std::string::npos) << jwks.body;
  EXPECT_NE(jwks.body.find("\"alg\":\"PS256\""), std::string::npos) << jwks.body;
}

// SIGHUP re-reads the key files: a key rotates without a restart.
TEST(ServeRotation, SighupReloadsTheKeyFiles) {
  TempDir dir;
  const Key k1 = generate(Algorithm::kES256);
  const Key k2 = generate(Algorithm::kES256);
  const Key k3 = generate(Algorithm::kES256);
  dir.write("previous.pem", private_pem(k1));
  dir.write("current.pem", private_pem(k2));
  add_user(dir.file("u.db"), "bob", "pw-of-bob");
  auto server = start_server(dir, {"--db", dir.file("u.db"), "--key", dir.file("previous.pem"),
                                   "--key", dir.file("current.pem")});
  const std::string by_k2 = login(*server, "bob", "pw-of-bob");
  const auto wait_for_log = [&](const std::string& text, std::size_t count) {
    for (int i = 0; i < 200; ++i) {
      const std::string log = server->log();
      std::size_t seen = 0;
      for (auto at = log.find(text); at != std::string::npos; at = log.find(text, at + 1)) ++seen;
      if (seen >= count) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return false;
  };

  // Rotate: current becomes previous, a new current; then SIGHUP.
  dir.write("previous.pem", private_pem(k2));
  dir.write("current.pem", private_pem(k3));
  server->send_signal(SIGHUP);
  ASSERT_TRUE(wait_for_log("SIGHUP: keys reloaded", 1)) << server->log();
  const std::string by_k3 = login(*server, "bob", "pw-of-bob");
  EXPECT_EQ(unverified_decode(by_k3)->header().get_string("kid"), thumbprint(k3));
  EXPECT_EQ(http_get(server->url() + "/protected", {bearer(by_k2)}).status, 200);
  EXPECT_EQ(http_get(server->url() + "/protected", {bearer(by_k3)}).status, 200);
  auto set = KeySet::from_jwks(http_get(server->url() + "/.well-known/jwks.json").body);
  ASSERT_TRUE(set);
  ASSERT_EQ(set->keys().size(), 2u);
  EXPECT_EQ(set->keys()[0].kid(), thumbprint(k2));
  EXPECT_EQ(set->keys()[1].kid(), thumbprint(k3));

  // A broken file on the next SIGHUP: logged, and the keys in use stay.
  dir.write("current.pem", "not a key");
  server->send_signal(SIGHUP);
  ASSERT_TRUE(wait_for_log("SIGHUP: keys NOT reloaded", 1)) << server->log();
  EXPECT_EQ(http_get(server->url() + "/protected", {bearer(by_k3)}).status, 200);
  EXPECT_EQ(unverified_decode(login(*server, "bob", "pw-of-bob"))->header().get_string("kid"),
            thumbprint(k3));
  EXPECT_EQ(server->terminate(), 0);
}

TEST(ServeHmac, SecretFileServerPublishesAnEmptyKeySet) {
  TempDir dir;
  dir.write("secret", std::string(40, 'q') + "\n");
  add_user(dir.file("u.db"), "carol", "pw");
  auto s = start_server(dir, {"--db", dir.file("u.db"), "--secret-file", dir.file("secret")});
  const auto jwks = http_get(s->url() + "/.well-known/jwks.json");
  EXPECT_EQ(jwks.status, 200);
  EXPECT_EQ(jwks.body, R"({"keys":[]})");
  const std::string token = login(*s, "carol", "pw");
  EXPECT_EQ(unverified_decode(token)->header().get_string("alg"), "HS256");
  EXPECT_EQ(http_get(s->url() + "/protected", {bearer(token)}).status, 200);
  // The same secret (without the file's newline) verifies it: the newline was stripped.
  auto key = Key::from_secret(std::string(40, 'q'));
  ASSERT_TRUE(key);
  EXPECT_TRUE(try_verify(token, *key));
}

TEST(ServeDefaults, RunsWithNoKeyConfigurationOnAnEphemeralKey) {
  TempDir dir;
  add_user(dir.file("u.db"), "dan", "pw");
  auto s = start_server(dir, {"--db", dir.file("u.db")});
  EXPECT_NE(s->log().find("EPHEMERAL"), std::string::npos) << s->log();
  auto set = KeySet::from_jwks(http_get(s->url() + "/.well-known/jwks.json").body);
  ASSERT_TRUE(set);
  ASSERT_EQ(set->keys().size(), 1u);
  EXPECT_EQ(set->keys()[0].type(), KeyType::kEc);
  EXPECT_EQ(http_get(s->url() + "/protected", {bearer(login(*s, "dan", "pw"))}).status, 200);
}

TEST(ServeConfig, EnvironmentConfiguresTheServer) {
  TempDir dir;
  dir.write("secret", std::string(48, 'e'));
  add_user(dir.file("u.db"), "erin", "pw");
  ServerProcess s({JOT_BINARY, "serve"}, dir.file("env.log"),
                  {{"JOT_PORT", "0"},
                   {"JOT_DB", dir.file("u.db")},
                   {"JOT_SECRET_FILE", dir.file("secret")},
                   {"JOT_TTL", "90"},
                   {"JOT_ISS", "env-iss"}});
  ASSERT_TRUE(s.started()) << s.log();
  const auto r = http_post_json(s.url() + "/login", R"({"username":"erin","password":"pw"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(parse_json(r.body).get_integer("expires_in"), 90);
  auto decoded =
      unverified_decode(std::string(parse_json(r.body).get_string("token").value_or("")));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->payload().get_string("iss"), "env-iss");
}

TEST(ServeConfig, BadConfigurationFailsWithAMessage) {
  TempDir dir;
  const auto weak = run_command(
      {JOT_BINARY, "serve", "--port", "0", "--db", dir.file("u.db"), "--secret", "mysecret"});
  EXPECT_EQ(weak.exit_code, 2);
  EXPECT_NE(weak.err.find("jot serve:"), std::string::npos) << weak.err;
  const auto ttl = run_command({JOT_BINARY, "serve", "--port", "0", "--ttl", "soon"});
  EXPECT_EQ(ttl.exit_code, 2) << ttl.err;
  const auto bind = run_command(
      {JOT_BINARY, "serve", "--port", "0", "--bind", "not-an-ip", "--db", dir.file("u.db")});
  EXPECT_EQ(bind.exit_code, 2) << bind.err;
  EXPECT_NE(bind.err.find("invalid bind address"), std::string::npos) << bind.err;
}

TEST(ServeUsers, UserAddValidatesNamesAndRefusesDuplicates) {
  TempDir dir;
  const std::string db = dir.file("u.db");
  EXPECT_EQ(run_command({JOT_BINARY, "user", "add", "frank", "--db", db}, "pw\n").exit_code, 0);
  const auto dup = run_command({JOT_BINARY, "user", "add", "frank", "--db", db}, "pw\n");
  EXPECT_EQ(dup.exit_code, 1);
  EXPECT_NE(dup.err.find("already exists"), std::string::npos) << dup.err;
  EXPECT_EQ(run_command({JOT_BINARY, "user", "add", "bad name", "--db", db}, "pw\n").exit_code, 2);
  EXPECT_EQ(run_command({JOT_BINARY, "user", "add", "gina", "--db", db}, "").exit_code, 2);
}

TEST(ServeLoginLimit, ThrottlesLoginAttemptsPerClientAddress) {
  TempDir dir;
  add_user(dir.file("users.db"), "alice", kPassword);
  auto server = start_server(dir, {"--db", dir.file("users.db"), "--login-rate", "2"});
  const std::string wrong = R"({"username":"alice","password":"guess"})";
  EXPECT_EQ(http_post_json(server->url() + "/login", wrong).status, 401);
  EXPECT_EQ(http_post_json(server->url() + "/login", wrong).status, 401);
  // The burst is spent: even the right password waits, and says for how long.
  const auto throttled =
      http_post_json(server->url() + "/login",
                     R"({"username":"alice","password":")" + std::string(kPassword) + "\"}");
  EXPECT_EQ(throttled.status, 429) << throttled.body;
  EXPECT_EQ(parse_json(throttled.body).get_string("error"), "too_many_requests");
  ASSERT_EQ(throttled.headers.count("retry-after"), 1u);
  const int retry_after = std::stoi(throttled.headers.at("retry-after"));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 30);  // 2 per minute: one attempt back every 30 s
  // Only logins are limited.
  EXPECT_EQ(http_get(server->url() + "/health").status, 200);
}

// The seed's flow with log-out: login → protected → logout → refused, across a restart.
TEST(ServeLogout, LogoutRevokesTheTokenUntilItExpiresAcrossRestarts) {
  TempDir dir;
  dir.write("k.pem", private_pem(generate(Algorithm::kES256)));
  add_user(dir.file("u.db"), "alice", kPassword);
  const std::vector<std::string> args = {"--db", dir.file("u.db"), "--key", dir.file("k.pem")};
  const std::string revoked_challenge =
      R"(Bearer realm="jot", error="invalid_token", error_description="token revoked")";
  std::string token;
  std::string other;
  {
    auto s = start_server(dir, args, "first.log");
    token = login(*s, "alice", kPassword);
    other = login(*s, "alice", kPassword);
    EXPECT_NE(jti_of(token), jti_of(other));
    EXPECT_EQ(http_get(s->url() + "/protected", {bearer(token)}).status, 200);

    const auto out = logout(s->url(), token);
    EXPECT_EQ(out.status, 204) << out.body;
    EXPECT_TRUE(out.body.empty()) << out.body;

    for (const char* path : {"/protected", "/me"}) {
      const auto r = http_get(s->url() + path, {bearer(token)});
      EXPECT_EQ(r.status, 401) << path;
      EXPECT_EQ(challenge_of(r), revoked_challenge) << path;
      EXPECT_EQ(parse_json(r.body).get_string("error"), "invalid_token") << path;
      EXPECT_EQ(parse_json(r.body).get_string("error_description"), "token revoked") << path;
    }
    const auto again = logout(s->url(), token);
    EXPECT_EQ(again.status, 401);
    EXPECT_EQ(challenge_of(again), revoked_challenge);
    // The same user's other session goes on.
    EXPECT_EQ(http_get(s->url() + "/protected", {bearer(other)}).status, 200);
    const std::string log = s->log();
    EXPECT_TRUE(std::regex_search(log, std::regex(R"("POST /logout HTTP/1\.1" 204 0 )"))) << log;
    EXPECT_EQ(log.find(token), std::string::npos);
    EXPECT_EQ(s->terminate(), 0);
  }
  // Restarted on the same database: the revocation is still there.
  auto s = start_server(dir, args, "second.log");
  EXPECT_NE(s->log().find("1 revoked tokens"), std::string::npos) << s->log();
  const auto r = http_get(s->url() + "/protected", {bearer(token)});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(challenge_of(r), revoked_challenge);
  EXPECT_EQ(http_get(s->url() + "/protected", {bearer(other)}).status, 200);
  EXPECT_EQ(logout(s->url(), other).status, 204);
  EXPECT_EQ(http_get(s->url() + "/protected", {bearer(other)}).status, 401);
}

// Two instances on one database file: a log-out at one reaches the other within about a
// second (each polls SQLite's data_version at most once a second).
TEST(ServeLogout, InstancesSharingADatabaseSeeEachOthersRevocations) {
  TempDir dir;
  dir.write("k.pem", private_pem(generate(Algorithm::kES256)));
  add_user(dir.file("u.db"), "alice", kPassword);
  const std::vector<std::string> args = {"--db", dir.file("u.db"), "--key", dir.file("k.pem")};
  auto a = start_server(dir, args, "a.log");
  auto b = start_server(dir, args, "b.log");
  const std::string token = login(*a, "alice", kPassword);
  ASSERT_EQ(http_get(b->url() + "/protected", {bearer(token)}).status, 200);
  ASSERT_EQ(logout(a->url(), token).status, 204);
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < deadline) {
    status = http_get(b->url() + "/protected", {bearer(token)}).status;
    if (status == 401) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(status, 401);
  // And b's answer to a second log-out is the revoked token's.
  EXPECT_EQ(logout(b->url(), token).status, 401);
}

TEST(ServeShutdown, SigtermStopsCleanly) {
  TempDir dir;
  auto s = start_server(dir, {"--db", dir.file("u.db")});
  ASSERT_EQ(http_get(s->url() + "/health").status, 200);
  EXPECT_EQ(s->terminate(), 0);
  EXPECT_NE(s->log().find("stopped"), std::string::npos) << s->log();
}

}  // namespace
}  // namespace jot::server::test
