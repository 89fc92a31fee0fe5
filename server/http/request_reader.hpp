#pragma once

// Reads one HTTP/1.1 request from a connection's bytes: Beast's parser for the syntax, and on
// top of it the framing rules of RFC 9112 that decide where a request ends (docs/server.md,
// "HTTP framing"), and a limit on every byte a client can make the server hold.
//
// The reader owns no socket: the session hands it the bytes it has received and not yet
// consumed, as they arrive, in whatever pieces the network delivers; the outcome depends on
// the bytes only, never on how they were split (fuzz_http checks that). A request that breaks
// a rule is refused with its status, and the connection must close after that answer: once
// the framing is in doubt, no later byte on it can be trusted to start a request.
//
// What it holds at most, per connection:
// - head (request line and header fields): `head_bytes` (431 beyond);
// - body (decoded): `body_bytes` (413 beyond; a chunk's announced size counts at once);
// - chunk-size lines, extensions included, all chunks of the request together:
//   `chunk_line_bytes` (413 beyond);
// - trailer section (fields after the last chunk, line ends included): `trailer_bytes`
//   (431 beyond). Trailer fields are checked and then dropped, never merged into the header
//   (RFC 9110 §6.5.1).
// Bytes it has not consumed yet stay with the caller; while it waits for more of an element,
// that element is never longer than its limit, so the caller's buffer stays bounded too.

#include <cstddef>
#include <memory>
#include <string_view>

#include "http/http_types.hpp"

namespace jot::server {

struct FramingLimits {
  std::size_t head_bytes = 8 * 1024;
  std::size_t body_bytes = 8 * 1024;
  std::size_t chunk_line_bytes = 1024;
  std::size_t trailer_bytes = 1024;
};

// Why a request was refused: its status (400, 413, 431 or 501) and a message for the client.
struct Refusal {
  unsigned status = 400;
  std::string_view message;
};

class RequestReader {
 public:
  enum class Status { kNeedMore, kComplete, kRefused };

  explicit RequestReader(const FramingLimits& limits);
  ~RequestReader();
  RequestReader(const RequestReader&) = delete;
  RequestReader& operator=(const RequestReader&) = delete;

  // `input`: the bytes received and not consumed so far, oldest first. Parses what it can and
  // adds what it used to `consumed`; the caller drops those bytes and passes the rest (and
  // what arrives after) next time. kComplete: release() the request; the bytes after it
  // belong to the next one (pipelining). kRefused: answer refusal() and close.
  Status feed(std::string_view input, std::size_t& consumed);

  // Whether the whole head has been read (the body deadline starts then).
  bool header_done() const noexcept;
  const Refusal& refusal() const noexcept { return refusal_; }
  // The request, once feed() returned kComplete.
  HttpRequest release();

 private:
  class Parser;

  Status refuse(unsigned status, std::string_view message);
  Status check_head();
  Status step(std::string_view input, std::size_t& consumed);

  FramingLimits limits_;
  std::unique_ptr<Parser> parser_;
  std::size_t head_used_ = 0;         // head bytes consumed so far
  std::size_t head_searched_ = 0;     // unconsumed bytes searched for the end of the head
  std::size_t chunk_lines_used_ = 0;  // chunk-size line bytes consumed so far
  bool last_was_line_end_ = false;    // the consumed head so far ends with LF (obs-fold check)
  Refusal refusal_;
  Status status_ = Status::kNeedMore;
};

}  // namespace jot::server
