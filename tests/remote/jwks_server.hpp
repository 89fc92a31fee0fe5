#pragma once

// A real HTTP(S) server on a free loopback port, in process, for the remote JWKS tests: it
// answers every request with the configured reply and counts the requests. Boost.Beast on
// one I/O thread of its own; HTTPS through boost::asio::ssl with a test certificate.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "self_signed_cert.hpp"

namespace jot::test {

struct Reply {
  enum class Mode {
    kNormal,
    kNeverAnswer,           // read the request, then stay silent
    kStallAfterFirstChunk,  // send headers and `body` as one chunk, then never finish
  };
  unsigned status = 200;
  std::string body;
  std::string location;  // a Location header, for redirects
  std::chrono::milliseconds delay{0};
  Mode mode = Mode::kNormal;

  static Reply with_status(unsigned status, std::string body = {});
  static Reply redirect_to(std::string location);  // 302
  static Reply delayed(std::string body, std::chrono::milliseconds delay);
  static Reply never_answering();
  static Reply stalling_after(std::string first_chunk);
};

// What the last request asked for.
struct SeenRequest {
  std::string method;
  std::string target;
  std::string user_agent;
  std::string accept;
};

class JwksServer {
 public:
  // Plain HTTP, or HTTPS with `tls` as the server's certificate.
  explicit JwksServer(std::optional<TlsIdentity> tls = std::nullopt);
  ~JwksServer();
  JwksServer(const JwksServer&) = delete;
  JwksServer& operator=(const JwksServer&) = delete;

  unsigned short port() const;
  // "http(s)://<host>:<port>/jwks.json"
  std::string url(const std::string& host = "127.0.0.1") const;

  void set_reply(Reply reply);
  void set_jwks(std::string body);  // 200 with this body
  int requests() const;
  SeenRequest last_request() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace jot::test
