#include "jwks_server.hpp"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <mutex>
#include <thread>
#include <type_traits>

namespace jot::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using TlsStream = asio::ssl::stream<tcp::socket>;

struct JwksServer::Impl {
  // Declared before io: sessions still pending when io is destroyed use the TLS context.
  std::optional<asio::ssl::context> tls;
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::thread thread;
  unsigned short port = 0;  // read once: the acceptor belongs to the I/O thread

  mutable std::mutex mutex;
  Reply reply;
  SeenRequest last;
  std::atomic<int> count{0};

  Reply record(const http::request<http::string_body>& request) {
    const std::lock_guard lock(mutex);
    last.method = std::string(request.method_string());
    last.target = std::string(request.target());
    last.user_agent = std::string(request[http::field::user_agent]);
    last.accept = std::string(request[http::field::accept]);
    ++count;
    return reply;
  }

  void accept();
};

namespace {

// Long enough to outlast any test; the session ends when the server stops.
constexpr std::chrono::hours kForever{1};

template <typename Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  Session(Stream stream, JwksServer::Impl& server)
      : stream_(std::move(stream)), timer_(stream_.get_executor()), server_(server) {}

  void start() {
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (!ec) self->read();
                              });
    } else {
      read();
    }
  }

 private:
  void read() {
    http::async_read(stream_, buffer_, request_,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                       if (!ec) self->on_request();
                     });
  }

  void on_request() {
    reply_ = server_.record(request_);
    if (reply_.mode == Reply::Mode::kNeverAnswer) {
      hold_open();
      return;
    }
    timer_.expires_after(reply_.delay);
    timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (!ec) self->respond();
    });
  }

  void respond() {
    if (reply_.mode == Reply::Mode::kStallAfterFirstChunk) {
      char size[32];
      std::snprintf(size, sizeof size, "%zx", reply_.body.size());
      raw_ = "HTTP/1.1 " + std::to_string(reply_.status) +
             " OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + size +
             "\r\n" + reply_.body + "\r\n";
      asio::async_write(stream_, asio::buffer(raw_),
                        [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                          if (!ec) self->hold_open();
                        });
      return;
    }
    response_.result(reply_.status);
    response_.set(http::field::content_type, "application/json");
    if (!reply_.location.empty()) response_.set(http::field::location, reply_.location);
    response_.body() = reply_.body;
    response_.keep_alive(false);
    response_.prepare_payload();
    http::async_write(
        stream_, response_,
        [self = this->shared_from_this()](beast::error_code, std::size_t) { self->finish(); });
  }

  void hold_open() {
    timer_.expires_after(kForever);
    timer_.async_wait([self = this->shared_from_this()](beast::error_code) {});
  }

  void finish() {
    beast::error_code ignored;
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      stream_.lowest_layer().shutdown(tcp::socket::shutdown_send, ignored);
    } else {
      stream_.shutdown(tcp::socket::shutdown_send, ignored);
    }
  }

  Stream stream_;
  asio::steady_timer timer_;
  JwksServer::Impl& server_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
  std::string raw_;
  Reply reply_;
};

}  // namespace

void JwksServer::Impl::accept() {
  acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (ec) return;  // the acceptor was closed: the server stops
    if (tls) {
      std::make_shared<Session<TlsStream>>(TlsStream(std::move(socket), *tls), *this)->start();
    } else {
      std::make_shared<Session<tcp::socket>>(std::move(socket), *this)->start();
    }
    accept();
  });
}

JwksServer::JwksServer(std::optional<TlsIdentity> tls) : impl_(std::make_unique<Impl>()) {
  if (tls) {
    auto& context = impl_->tls.emplace(asio::ssl::context::tls_server);
    context.use_certificate_chain(asio::buffer(tls->certificate_pem));
    context.use_private_key(asio::buffer(tls->private_key_pem), asio::ssl::context::pem);
  }
  const tcp::endpoint loopback(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(loopback.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(loopback);
  impl_->acceptor.listen();
  impl_->port = impl_->acceptor.local_endpoint().port();
  impl_->accept();
  impl_->thread = std::thread([impl = impl_.get()] { impl->io.run(); });
}

JwksServer::~JwksServer() {
  // Pending sessions (e.g. one that never answers) are destroyed with the io_context.
  impl_->io.stop();
  impl_->thread.join();
}

unsigned short JwksServer::port() const {
  return impl_->port;
}

std::string JwksServer::url(const std::string& host) const {
  return std::string(impl_->tls ? "https" : "http") + "://" + host + ":" + std::to_string(port()) +
         "/jwks.json";
}

Reply Reply::with_status(unsigned status, std::string body) {
  Reply reply;
  reply.status = status;
  reply.body = std::move(body);
  return reply;
}

Reply Reply::redirect_to(std::string location) {
  Reply reply = with_status(302);
  reply.location = std::move(location);
  return reply;
}

Reply Reply::delayed(std::string body, std::chrono::milliseconds delay) {
  Reply reply = with_status(200, std::move(body));
  reply.delay = delay;
  return reply;
}

Reply Reply::never_answering() {
  Reply reply;
  reply.mode = Mode::kNeverAnswer;
  return reply;
}

Reply Reply::stalling_after(std::string first_chunk) {
  Reply reply = with_status(200, std::move(first_chunk));
  reply.mode = Mode::kStallAfterFirstChunk;
  return reply;
}

void JwksServer::set_reply(Reply reply) {
  const std::lock_guard lock(impl_->mutex);
  impl_->reply = std::move(reply);
}

void JwksServer::set_jwks(std::string body) {
  set_reply(Reply::with_status(200, std::move(body)));
}

int JwksServer::requests() const {
  return impl_->count.load();
}

SeenRequest JwksServer::last_request() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->last;
}

}  // namespace jot::test
