#include "raw_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>

namespace jot::server::test {

RawConnection::RawConnection(const ServerProcess& server, const char* source) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  inet_pton(AF_INET, source, &local.sin_addr);
  sockaddr_in remote{};
  remote.sin_family = AF_INET;
  remote.sin_port = htons(static_cast<std::uint16_t>(server.port()));
  inet_pton(AF_INET, server.host().c_str(), &remote.sin_addr);
  if (bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
      connect(fd_, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) {
    close(fd_);
    fd_ = -1;
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) close(fd_);
}

void RawConnection::send(std::string_view bytes) {
  while (fd_ >= 0 && !bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::string RawConnection::receive(std::chrono::milliseconds quiet,
                                   std::chrono::milliseconds limit) {
  using Clock = std::chrono::steady_clock;
  std::string got;
  closed_ = false;
  const auto deadline = Clock::now() + limit;
  char buf[16 * 1024];
  while (fd_ >= 0 && Clock::now() < deadline) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(quiet.count())) <= 0) break;
    const ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      closed_ = true;  // FIN, or a reset
      break;
    }
    got.append(buf, static_cast<std::size_t>(n));
  }
  return got;
}

std::vector<unsigned> response_statuses(std::string_view bytes) {
  // A status line ("HTTP/1.1 200 OK") starts each response; the bodies are JSON.
  std::vector<unsigned> statuses;
  for (auto at = bytes.find("HTTP/1."); at != std::string_view::npos;
       at = bytes.find("HTTP/1.", at + 1)) {
    const auto line = bytes.substr(at, 13);
    if (line.size() < 13 || line[8] != ' ' || line[12] != ' ') continue;
    const auto code = line.substr(9, 3);
    if (code.find_first_not_of("0123456789") != std::string_view::npos) continue;
    statuses.push_back(static_cast<unsigned>(std::stoul(std::string(code))));
  }
  return statuses;
}

}  // namespace jot::server::test
