#include "keep_alive_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace jot::server::test {

KeepAliveClient::KeepAliveClient(const std::string& host, int port, const std::string& source)
    : host_(host), port_(port), source_(source) {}

KeepAliveClient::~KeepAliveClient() {
  if (fd_ >= 0) ::close(fd_);
}

bool KeepAliveClient::connect() {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port_));
  ::inet_pton(AF_INET, host_.c_str(), &addr.sin_addr);
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (!source_.empty()) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, source_.c_str(), &local.sin_addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
      ::close(fd_);
      fd_ = -1;
      return false;
    }
  }
  timeval tv{5, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
    return false;
  }
  buffer_.clear();
  return true;
}

int KeepAliveClient::request(const std::string& method, const std::string& path,
                             const std::vector<std::string>& headers, const std::string& body) {
  // A kept-alive connection the server closed meanwhile (idle timeout) fails at once: the
  // request is sent once more on a fresh one.
  const bool reused = fd_ >= 0;
  const int status = exchange(method, path, headers, body);
  return status == 0 && reused ? exchange(method, path, headers, body) : status;
}

int KeepAliveClient::exchange(const std::string& method, const std::string& path,
                              const std::vector<std::string>& headers, const std::string& body) {
  if (fd_ < 0 && !connect()) return 0;
  std::string out = method + " " + path + " HTTP/1.1\r\nHost: " + host_ + "\r\n";
  for (const auto& h : headers) out += h + "\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  auto fail = [this] {
    ::close(fd_);
    fd_ = -1;
    return 0;
  };
  if (::send(fd_, out.data(), out.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(out.size())) {
    return fail();
  }
  std::size_t head_end = std::string::npos;
  while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return fail();
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
  const std::string head = buffer_.substr(0, head_end);
  std::size_t length = 0;
  std::string lower = head;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (auto p = lower.find("content-length:"); p != std::string::npos) {
    length = std::strtoul(lower.c_str() + p + 15, nullptr, 10);
  }
  while (buffer_.size() < head_end + 4 + length) {
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return fail();
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
  body_ = buffer_.substr(head_end + 4, length);
  buffer_.erase(0, head_end + 4 + length);
  const int status = head.size() > 12 ? std::atoi(head.c_str() + 9) : 0;
  if (lower.find("connection: close") != std::string::npos) fail();
  return status;
}

double quantile_ms(std::vector<std::chrono::nanoseconds>& samples, double q) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const auto index = std::min(samples.size() - 1,
                              static_cast<std::size_t>(q * static_cast<double>(samples.size())));
  return static_cast<double>(samples[index].count()) / 1e6;
}

}  // namespace jot::server::test
