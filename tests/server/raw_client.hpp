#pragma once

// A raw TCP connection to the server under test, for the bytes an HTTP client library would
// refuse to send (broken framing, floods, pipelining): bytes out as given, bytes in as they
// come, and whether the server closed.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "process.hpp"

namespace jot::server::test {

class RawConnection {
 public:
  // `source`: the local address to connect from (any 127.0.0.0/8 address reaches loopback).
  explicit RawConnection(const ServerProcess& server, const char* source = "127.0.0.1");
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const noexcept { return fd_ >= 0; }
  // Sends `bytes`; stops quietly once the server no longer reads (it refused and closed).
  void send(std::string_view bytes);
  // What arrives until the server closes, or `quiet` passes without a byte, or `limit`.
  std::string receive(std::chrono::milliseconds quiet = std::chrono::milliseconds(1500),
                      std::chrono::milliseconds limit = std::chrono::milliseconds(10'000));
  // Whether the last receive() ended because the server closed the connection.
  bool closed() const noexcept { return closed_; }

 private:
  int fd_ = -1;
  bool closed_ = false;
};

// The status codes of the responses in `bytes`, in order.
std::vector<unsigned> response_statuses(std::string_view bytes);

}  // namespace jot::server::test
