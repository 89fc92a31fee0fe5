// HTTP/1.1 framing of `jot serve` (RFC 9112), through the real binary over raw sockets: each
// case sends one request and, on the same connection, a GET /health behind it. A request the
// server accepts is answered and the GET after it too; one it refuses is answered with its
// status, the connection closes and the GET is never served (a request smuggled behind a
// refused one must not run). Limits: docs/server.md, "HTTP framing".

#include <gtest/gtest.h>

#include <chrono>
#include <jot/jwt.hpp>
#include <string>
#include <thread>
#include <vector>

#include "process.hpp"
#include "raw_client.hpp"

namespace jot::server::test {
namespace {

// Behind every case; Connection: close so that the server ends an accepted exchange itself.
constexpr std::string_view kProbe = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

std::string post(std::string_view fields, std::string_view body = {}) {
  return "POST /health HTTP/1.1\r\nHost: x\r\n" + std::string(fields) + "\r\n" + std::string(body);
}
std::string chunked(std::string_view chunks) {
  return post("Transfer-Encoding: chunked\r\n", chunks);
}
std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

struct FramingCase {
  const char* name;
  std::string request;
  unsigned status;  // the answer to `request`: 405 (POST /health) or 200 when accepted
  bool refused;     // then the connection closes and the probe is not answered
  const char* rule;
};

std::vector<FramingCase> framing_cases() {
  const std::string big_ext = "1;" + repeat("a=b;", 300) + "x=y\r\nx\r\n0\r\n\r\n";
  std::string many_chunks;  // 20 chunks of 1 byte, each line 61 bytes: 1220 > 1 KiB together
  for (int i = 0; i < 20; ++i) many_chunks += "1;" + std::string(59, 'e') + "\r\nx\r\n";
  many_chunks += "0\r\n\r\n";
  return {
      // Accepted framings.
      {"content_length", post("Content-Length: 3\r\n", "abc"), 405, false, "RFC 9112 §6.2"},
      {"chunked", chunked("3\r\nabc\r\n0\r\n\r\n"), 405, false, "RFC 9112 §7.1"},
      {"chunked_case_insensitive", post("Transfer-Encoding: Chunked\r\n", "0\r\n\r\n"), 405, false,
       "RFC 9112 §7"},
      {"chunked_over_two_lines",
       post("Transfer-Encoding:\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"), 405, false,
       "RFC 9110 §5.3"},
      {"chunk_extension", chunked("3;name=value;q=\"x\"\r\nabc\r\n0;last\r\n\r\n"), 405, false,
       "RFC 9112 §7.1.1"},
      {"trailer_field", chunked("3\r\nabc\r\n0\r\nX-Checksum: 1\r\n\r\n"), 405, false,
       "RFC 9112 §7.1.2"},
      {"http10_without_host", "GET /health HTTP/1.0\r\n\r\n", 200, true, "RFC 9112 §3.2"},
      // Transfer-Encoding that is not exactly chunked.
      {"te_xchunked", post("Transfer-Encoding: xchunked\r\n", "0\r\n\r\n"), 400, true,
       "RFC 9112 §6.3"},
      {"te_chunked_identity", post("Transfer-Encoding: chunked, identity\r\n", "0\r\n\r\n"), 400,
       true, "RFC 9112 §6.3"},
      {"te_identity", post("Transfer-Encoding: identity\r\n"), 400, true, "RFC 9112 §6.3"},
      {"te_gzip", post("Transfer-Encoding: gzip\r\n", "0\r\n\r\n"), 400, true, "RFC 9112 §6.3"},
      {"te_empty", post("Transfer-Encoding: \r\n"), 400, true, "RFC 9112 §6.3"},
      {"te_chunked_twice", post("Transfer-Encoding: chunked, chunked\r\n", "0\r\n\r\n"), 400, true,
       "RFC 9112 §6.1"},
      {"te_two_chunked_lines",
       post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"), 400, true,
       "RFC 9112 §6.1"},
      {"te_gzip_then_chunked", post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n"), 501, true,
       "RFC 9112 §6.1"},
      {"te_with_content_length",
       post("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", "0\r\n\r\n"), 400, true,
       "RFC 9112 §6.1, §6.3"},
      {"content_length_with_te",
       post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"), 400, true,
       "RFC 9112 §6.1, §6.3"},
      {"te_gzip_with_content_length", post("Transfer-Encoding: gzip\r\nContent-Length: 0\r\n"), 400,
       true, "RFC 9112 §6.1, §6.3"},
      {"te_in_http10",
       "POST /health HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n"
       "0\r\n\r\n",
       400, true, "RFC 9112 §6.1"},
      // Content-Length.
      {"content_length_twice", post("Content-Length: 3\r\nContent-Length: 3\r\n", "abc"), 400, true,
       "RFC 9110 §8.6"},
      {"content_length_differing", post("Content-Length: 3\r\nContent-Length: 0\r\n", "abc"), 400,
       true, "RFC 9112 §6.3"},
      {"content_length_list", post("Content-Length: 3, 3\r\n", "abc"), 400, true, "RFC 9110 §8.6"},
      {"content_length_negative", post("Content-Length: -1\r\n"), 400, true, "RFC 9110 §8.6"},
      {"content_length_plus", post("Content-Length: +3\r\n", "abc"), 400, true, "RFC 9110 §8.6"},
      {"content_length_hex", post("Content-Length: 0x3\r\n", "abc"), 400, true, "RFC 9110 §8.6"},
      {"content_length_overflow", post("Content-Length: 184467440737095516160\r\n"), 400, true,
       "RFC 9112 §6.3"},
      {"content_length_empty", post("Content-Length: \r\n"), 400, true, "RFC 9110 §8.6"},
      // Lines and fields.
      {"obs_fold", "GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", 400, true,
       "RFC 9112 §5.2"},
      {"obs_fold_tab", "GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\r\n\tb\r\n\r\n", 400, true,
       "RFC 9112 §5.2"},
      {"space_before_first_field", "GET /health HTTP/1.1\r\n Host: x\r\n\r\n", 400, true,
       "RFC 9112 §2.2"},
      {"bare_lf", "GET /health HTTP/1.1\nHost: x\n\n", 400, true, "RFC 9112 §2.2"},
      {"bare_cr_in_value", "GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n", 400, true,
       "RFC 9112 §2.2"},
      {"space_before_colon", "GET /health HTTP/1.1\r\nHost : x\r\n\r\n", 400, true,
       "RFC 9112 §5.1"},
      {"no_host", "GET /health HTTP/1.1\r\n\r\n", 400, true, "RFC 9112 §3.2"},
      {"two_hosts", "GET /health HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400, true,
       "RFC 9112 §3.2"},
      {"http_2_0", "GET /health HTTP/2.0\r\nHost: x\r\n\r\n", 400, true, "RFC 9112 §2.3"},
      // Chunks.
      {"chunk_size_overflow", chunked("10000000000000000\r\nabc\r\n0\r\n\r\n"), 400, true,
       "RFC 9112 §7.1"},
      {"chunk_size_not_hex", chunked("zz\r\nabc\r\n0\r\n\r\n"), 400, true, "RFC 9112 §7.1"},
      {"chunk_line_bare_lf", chunked("3\nabc\r\n0\r\n\r\n"), 400, true, "RFC 9112 §7.1"},
      {"chunk_data_longer_than_size", chunked("3\r\nabcdef\r\n0\r\n\r\n"), 400, true,
       "RFC 9112 §7.1"},
      {"chunk_beyond_body_limit", chunked("2001\r\n"), 413, true, "RFC 9110 §15.5.14"},
      {"chunk_extension_too_long", chunked(big_ext), 413, true, "RFC 9112 §7.1.1"},
      {"chunk_lines_too_long_together", chunked(many_chunks), 413, true, "RFC 9112 §7.1.1"},
      {"chunk_extension_flood", chunked("1" + repeat(";a=b", 16 * 1024)), 413, true,
       "RFC 9112 §7.1.1"},
      {"chunk_size_zeros_flood", chunked(repeat("0", 64 * 1024)), 413, true, "RFC 9112 §7.1"},
      {"trailer_too_large", chunked("0\r\nX-T: " + std::string(1100, 'a') + "\r\n\r\n"), 431, true,
       "RFC 9112 §7.1.2"},
      {"trailer_flood", chunked("0\r\n" + repeat("X-T: aaaaaaaaaaaaaaaaaaaaaa\r\n", 4096)), 431,
       true, "RFC 9112 §7.1.2"},
      // Head and body sizes.
      {"head_too_large",
       "GET /health HTTP/1.1\r\nHost: x\r\nX-A: " + std::string(8200, 'a') + "\r\n\r\n", 431, true,
       "RFC 6585 §5"},
      {"body_too_large", post("Content-Length: 8193\r\n", std::string(8193, 'a')), 413, true,
       "RFC 9110 §15.5.14"},
  };
}

class HttpFramingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    server_ = new ServerProcess(
        {JOT_BINARY, "serve", "--port", "0", "--threads", "2", "--db", dir_->file("u.db")},
        dir_->file("server.log"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  void SetUp() override { ASSERT_TRUE(server_->started()) << server_->log(); }

  static TempDir* dir_;
  static ServerProcess* server_;
};
TempDir* HttpFramingTest::dir_ = nullptr;
ServerProcess* HttpFramingTest::server_ = nullptr;

TEST_F(HttpFramingTest, EachRuleThroughTheServer) {
  for (const auto& c : framing_cases()) {
    SCOPED_TRACE(std::string(c.name) + " (" + c.rule + ")");
    RawConnection connection(*server_);
    ASSERT_TRUE(connection.connected());
    connection.send(c.request + std::string(kProbe));
    const std::string got = connection.receive();
    const std::vector<unsigned> expected =
        c.refused ? std::vector<unsigned>{c.status} : std::vector<unsigned>{c.status, 200};
    EXPECT_EQ(response_statuses(got), expected) << got.substr(0, 600);
    EXPECT_TRUE(connection.closed()) << "still open after the exchange";
    if (c.refused && c.status >= 400) {
      EXPECT_NE(got.find("Connection: close"), std::string::npos) << got.substr(0, 600);
    }
  }
}

TEST_F(HttpFramingTest, PipelinedRequestsAreAnsweredInOrder) {
  RawConnection connection(*server_);
  ASSERT_TRUE(connection.connected());
  connection.send(post("Content-Length: 3\r\n", "abc") +
                  "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n" + chunked("1\r\nx\r\n0\r\n\r\n") +
                  std::string(kProbe));
  const std::string got = connection.receive();
  EXPECT_EQ(response_statuses(got), (std::vector<unsigned>{405, 404, 405, 200})) << got;
}

TEST_F(HttpFramingTest, NothingPipelinedBehindARefusedRequestIsServed) {
  RawConnection connection(*server_);
  ASSERT_TRUE(connection.connected());
  // What a front proxy that reads the Content-Length would pass as one request: jot must not
  // answer the GET /me smuggled in its body, nor anything after.
  connection.send(post("Transfer-Encoding: gzip\r\nContent-Length: 40\r\n",
                       "GET /me HTTP/1.1\r\nHost: x\r\n\r\n") +
                  "GET /health HTTP/1.1\r\nHost: x\r\n\r\n" + std::string(kProbe));
  const std::string got = connection.receive();
  EXPECT_EQ(response_statuses(got), std::vector<unsigned>{400}) << got;
  EXPECT_TRUE(connection.closed());
}

// The same limits hold whatever the pieces the bytes arrive in.
TEST_F(HttpFramingTest, LimitsHoldAcrossManySmallReads) {
  struct Trickled {
    std::string head;
    std::string piece;
    std::size_t pieces;
    unsigned status;
  };
  const std::vector<Trickled> cases = {
      {"GET /health HTTP/1.1\r\nHost: x\r\n", "X-Field: " + std::string(90, 'a') + "\r\n", 100,
       431},
      {"POST /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1", ";ext=value", 400,
       413},
      {"POST /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n",
       "X-T: abc\r\n", 400, 431},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.head);
    RawConnection connection(*server_);
    ASSERT_TRUE(connection.connected());
    connection.send(c.head);
    for (std::size_t i = 0; i < c.pieces; ++i) {
      connection.send(c.piece);
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    const std::string got = connection.receive();
    EXPECT_EQ(response_statuses(got), std::vector<unsigned>{c.status}) << got.substr(0, 300);
    EXPECT_TRUE(connection.closed());
  }
}

// RFC 9110 §6.5.1: a trailer field is never merged into the header: an Authorization trailer
// does not authorise the request.
TEST(HttpFramingTrailers, AreNeverTakenForHeaderFields) {
  TempDir dir;
  const std::string secret(32, 'k');
  dir.write("secret", secret);
  ServerProcess server({JOT_BINARY, "serve", "--port", "0", "--db", dir.file("u.db"),
                        "--secret-file", dir.file("secret")},
                       dir.file("server.log"));
  ASSERT_TRUE(server.started()) << server.log();
  SignOptions options;
  options.expires_in = Timespan(std::chrono::seconds(600));
  const auto token = try_sign(R"({"sub":"alice"})", Key::from_secret(secret).value(), options);
  ASSERT_TRUE(token) << token.error().message();
  const std::string head = "GET /protected HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n";

  RawConnection in_header(server);
  in_header.send(head + "Authorization: Bearer " + *token + "\r\n\r\n0\r\n\r\n" +
                 std::string(kProbe));
  EXPECT_EQ(response_statuses(in_header.receive()), (std::vector<unsigned>{200, 200}));

  RawConnection in_trailer(server);
  in_trailer.send(head + "\r\n0\r\nAuthorization: Bearer " + *token + "\r\n\r\n" +
                  std::string(kProbe));
  EXPECT_EQ(response_statuses(in_trailer.receive()), (std::vector<unsigned>{401, 200}));
}

// One address may hold --max-connections-per-address connections; others still get theirs.
TEST(ConnectionsPerAddressLimit, OneAddressCannotTakeEverySlot) {
  TempDir dir;
  ServerProcess server({JOT_BINARY, "serve", "--port", "0", "--db", dir.file("u.db"),
                        "--max-connections-per-address", "3"},
                       dir.file("server.log"));
  ASSERT_TRUE(server.started()) << server.log();
  const std::string get = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
  const auto answered = [&](RawConnection& c) {
    c.send(get);
    const auto statuses = response_statuses(c.receive(std::chrono::milliseconds(500)));
    return statuses == std::vector<unsigned>{200};
  };
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<RawConnection>(server, "127.0.0.1"));
    ASSERT_TRUE(answered(*held.back())) << "connection " << i;
  }
  RawConnection fourth(server, "127.0.0.1");
  EXPECT_FALSE(answered(fourth)) << "a fourth connection from the same address was served";
  EXPECT_TRUE(fourth.closed());
  RawConnection other(server, "127.0.0.2");
  EXPECT_TRUE(answered(other)) << "another address was locked out";
  // A slot freed is a slot available again.
  held.pop_back();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  RawConnection again(server, "127.0.0.1");
  EXPECT_TRUE(answered(again));
}

}  // namespace
}  // namespace jot::server::test
