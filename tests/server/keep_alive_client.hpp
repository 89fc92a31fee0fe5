#pragma once

// A minimal HTTP/1.1 client on one keep-alive connection, for latency measurements where
// starting curl per request would dwarf what is measured. Reads responses framed by
// Content-Length only (all jot serve sends).

#include <chrono>
#include <string>
#include <vector>

namespace jot::server::test {

class KeepAliveClient {
 public:
  // `source`: the local address to connect from (127.0.0.2 … stand for other clients).
  KeepAliveClient(const std::string& host, int port, const std::string& source = {});
  ~KeepAliveClient();
  KeepAliveClient(const KeepAliveClient&) = delete;
  KeepAliveClient& operator=(const KeepAliveClient&) = delete;

  // Sends one request (`headers`: "Name: value" lines) and returns the status, or 0 when
  // the connection failed (it is reopened on the next call).
  int request(const std::string& method, const std::string& path,
              const std::vector<std::string>& headers = {}, const std::string& body = {});
  // The body of the last response.
  const std::string& body() const noexcept { return body_; }

 private:
  bool connect();
  int exchange(const std::string& method, const std::string& path,
               const std::vector<std::string>& headers, const std::string& body);
  std::string host_;
  int port_;
  std::string source_;
  int fd_ = -1;
  std::string buffer_;
  std::string body_;
};

// The q-quantile (0..1) of `samples` (sorted in place), in milliseconds.
double quantile_ms(std::vector<std::chrono::nanoseconds>& samples, double q);

// Latency targets hold for optimised builds; under AddressSanitizer (several times slower)
// the figures are printed but not asserted.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAssertLatency = false;
#else
inline constexpr bool kAssertLatency = true;
#endif

}  // namespace jot::server::test
