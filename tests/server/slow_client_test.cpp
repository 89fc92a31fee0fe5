// Slow and idle clients: they are disconnected after the header timeout and never keep the
// server from answering others. Raw sockets, since curl cannot be made to dawdle.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <string>
#include <thread>
#include <vector>

#include "curl_client.hpp"
#include "process.hpp"

namespace jot::server::test {
namespace {

using Clock = std::chrono::steady_clock;

int connect_to(const ServerProcess& server) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(server.port()));
  inet_pton(AF_INET, server.host().c_str(), &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Seconds until the server closes `fd` (reads return 0), or -1 after `limit` seconds.
double seconds_until_closed(int fd, double limit) {
  const auto start = Clock::now();
  char buf[4096];
  while (std::chrono::duration<double>(Clock::now() - start).count() < limit) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return std::chrono::duration<double>(Clock::now() - start).count();
  }
  return -1;
}

class SlowClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{JOT_BINARY, "serve", "--port", "0", "--threads", "2", "--db",
                                 dir_.file("u.db"), "--header-timeout", "1", "--body-timeout", "1"},
        dir_.file("server.log"));
    ASSERT_TRUE(server_->started()) << server_->log();
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(SlowClientTest, IdleAndSlowConnectionsAreClosedAfterTheTimeout) {
  const int idle = connect_to(*server_);
  const int slow_head = connect_to(*server_);
  const int slow_body = connect_to(*server_);
  ASSERT_GE(idle, 0);
  ASSERT_GE(slow_head, 0);
  ASSERT_GE(slow_body, 0);
  const std::string head = "GET /health HTTP/1.1\r\nHost: x\r\n";  // no blank line: unfinished
  ASSERT_GT(send(slow_head, head.data(), head.size(), 0), 0);
  const std::string post =
      "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"username\"";
  ASSERT_GT(send(slow_body, post.data(), post.size(), 0), 0);

  for (const int fd : {idle, slow_head, slow_body}) {
    const double closed_after = seconds_until_closed(fd, 10);
    EXPECT_GE(closed_after, 0) << "connection still open after 10 s";
    EXPECT_LT(closed_after, 5);
    close(fd);
  }
}

TEST_F(SlowClientTest, ManyIdleConnectionsDoNotStarveTheWorkers) {
  // Far more idle connections than the server's two threads.
  std::vector<int> idle;
  for (int i = 0; i < 50; ++i) {
    const int fd = connect_to(*server_);
    ASSERT_GE(fd, 0);
    idle.push_back(fd);
  }
  const auto start = Clock::now();
  EXPECT_EQ(http_get(server_->url() + "/health").status, 200);
  // A server with a worker per connection would answer only after ~25 idle connections per
  // thread had each timed out (1 s apiece); 5 s leaves room for a busy machine.
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), 5.0)
      << "answered only after the idle connections timed out";
  for (const int fd : idle) close(fd);
}

TEST_F(SlowClientTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  const int fd = connect_to(*server_);
  ASSERT_GE(fd, 0);
  const std::string two =
      "GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_GT(send(fd, two.data(), two.size(), 0), 0);
  std::string got;
  char buf[4096];
  const auto start = Clock::now();
  while (std::chrono::duration<double>(Clock::now() - start).count() < 5) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
    std::size_t count = 0;
    for (auto at = got.find("HTTP/1.1 200"); at != std::string::npos;
         at = got.find("HTTP/1.1 200", at + 1)) {
      ++count;
    }
    if (count == 2) break;
  }
  close(fd);
  EXPECT_NE(got.find("HTTP/1.1 200"), std::string::npos) << got;
  EXPECT_NE(got.find("HTTP/1.1 200", got.find("HTTP/1.1 200") + 1), std::string::npos) << got;
}

TEST_F(SlowClientTest, GarbageGetsA400AndTheConnectionIsClosed) {
  const int fd = connect_to(*server_);
  ASSERT_GE(fd, 0);
  const std::string junk = "\x16\x03\x01 not http at all\r\n\r\n";
  ASSERT_GT(send(fd, junk.data(), junk.size(), 0), 0);
  char buf[4096];
  std::string got;
  pollfd p{fd, POLLIN, 0};
  while (poll(&p, 1, 3000) > 0) {
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  EXPECT_EQ(got.rfind("HTTP/1.1 400", 0), 0u) << got;
}

TEST(GracefulShutdown, SigtermLetsTheRequestInFlightFinish) {
  TempDir dir;
  auto server_ = std::make_unique<ServerProcess>(
      std::vector<std::string>{JOT_BINARY, "serve", "--port", "0", "--db", dir.file("u.db")},
      dir.file("server.log"));
  ASSERT_TRUE(server_->started()) << server_->log();
  const int busy = connect_to(*server_);
  const int idle = connect_to(*server_);
  ASSERT_GE(busy, 0);
  ASSERT_GE(idle, 0);
  const std::string body = R"({"username":"nobody","password":"pw"})";
  const std::string head =
      "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  // Mid-request when the signal arrives: the head and half the body are in.
  const std::string first = head + body.substr(0, 10);
  ASSERT_GT(send(busy, first.data(), first.size(), 0), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  server_->send_signal(SIGTERM);
  // The idle connection is closed at once, and no new connection is accepted.
  EXPECT_GE(seconds_until_closed(idle, 0.9), 0);
  close(idle);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_LT(connect_to(*server_), 0);

  const std::string rest = body.substr(10);
  ASSERT_GT(send(busy, rest.data(), rest.size(), 0), 0);
  std::string got;
  char buf[4096];
  pollfd p{busy, POLLIN, 0};
  while (poll(&p, 1, 5000) > 0) {
    const ssize_t n = recv(busy, buf, sizeof buf, 0);
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
  }
  close(busy);
  EXPECT_EQ(got.rfind("HTTP/1.1 401", 0), 0u) << got;  // answered: unknown user
  EXPECT_NE(got.find("Connection: close"), std::string::npos) << got;
  EXPECT_EQ(server_->terminate(), 0);
}

}  // namespace
}  // namespace jot::server::test
