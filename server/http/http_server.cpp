#include "http/http_server.hpp"

#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <csignal>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "auth/login_limiter.hpp"
#include "http/access_log.hpp"

namespace jot::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// At most this many logins (Argon2, ~19 MiB each) run or wait at once; more get 503.
constexpr unsigned kMaxSlowInFlight = 64;

std::string endpoint_text(const tcp::endpoint& ep) {
  // Appended piecewise: GCC 12's -Wrestrict misfires on "[" + string + "]" at -O2.
  const auto address = ep.address();
  std::string text;
  if (address.is_v6()) text += '[';
  text += address.to_string();
  if (address.is_v6()) text += ']';
  text += ':';
  text += std::to_string(ep.port());
  return text;
}

}  // namespace

class Session;

struct HttpServer::Impl {
  Impl(const ServeOptions& o, const Router& r)
      : options(o),
        router(r),
        slow_pool(std::max(2u, std::thread::hardware_concurrency())),
        login_limiter(o.login_per_minute) {}

  const ServeOptions options;
  const Router& router;

  // Declared before the io_context: sessions destroyed with its pending handlers still
  // unregister themselves here.
  std::mutex sessions_mutex;
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions;
  std::atomic<bool> stopping{false};
  std::atomic<unsigned> slow_in_flight{0};

  asio::io_context ioc;
  asio::strand<asio::io_context::executor_type> strand{asio::make_strand(ioc)};
  tcp::acceptor acceptor{strand};
  asio::signal_set signals{strand, SIGINT, SIGTERM, SIGHUP};
  std::function<void()> reload;
  asio::steady_timer deadline{strand};
  asio::steady_timer accept_retry{strand};
  asio::thread_pool slow_pool;
  LoginLimiter login_limiter;

  void accept();
  void wait_for_signal();
  void begin_shutdown();
  void forget(const Session* session);
  HttpResponse handle_safely(const HttpRequest& request, std::string_view client) const noexcept;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, HttpServer::Impl& server, std::string peer, std::string client)
      : server_(server),
        stream_(std::move(socket)),
        peer_(std::move(peer)),
        client_(std::move(client)) {}
  ~Session() { server_.forget(this); }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
  }

  // During shutdown: a connection waiting for its next request is closed at once; one in
  // the middle of a request finishes it.
  void close_if_idle() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_ && self->buffer_.size() == 0) self->close();
    });
  }

 private:
  void read_header() {
    if (server_.stopping) return close();
    request_.reset();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
    parser_->body_limit(server_.options.max_body_bytes);
    idle_ = true;
    stream_.expires_after(server_.options.header_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    idle_ = false;
    started_ = Clock::now();
    if (ec) return on_read_error(ec);
    stream_.expires_after(server_.options.body_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code e, std::size_t) { self->on_body(e); });
  }

  void on_body(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    request_ = parser_->release();
    parser_.reset();
    stream_.expires_never();  // the handler's time is not the client's fault
    if (!Router::is_slow(*request_)) return write(server_.handle_safely(*request_, client_));

    if (const auto wait = server_.login_limiter.acquire(client_, Clock::now())) {
      auto res =
          Router::error_response(429, "too_many_requests",
                                 "too many login attempts from this address", request_->version());
      res.set(http::field::retry_after, std::to_string(wait->count()));
      return write(std::move(res));
    }

    if (server_.slow_in_flight.fetch_add(1) >= kMaxSlowInFlight) {
      server_.slow_in_flight.fetch_sub(1);
      auto res = Router::error_response(503, "temporarily_unavailable", "too many logins at once",
                                        request_->version());
      res.set(http::field::retry_after, "1");
      return write(std::move(res));
    }
    asio::post(server_.slow_pool, [self = shared_from_this()] {
      auto res = self->server_.handle_safely(*self->request_, self->client_);
      self->server_.slow_in_flight.fetch_sub(1);
      asio::post(self->stream_.get_executor(),
                 [self, r = std::move(res)]() mutable { self->write(std::move(r)); });
    });
  }

  // A request that could not be read: answer when the client deserves to know why, then
  // close; a client that went away or timed out is simply dropped.
  void on_read_error(beast::error_code ec) {
    // Closed by us (shutdown of an idle connection): nothing to answer.
    if (!stream_.socket().is_open()) return;
    if (ec == http::error::header_limit) {
      return write(Router::error_response(431, "invalid_request", "request header too large"));
    }
    if (ec == http::error::body_limit) {
      return write(Router::error_response(413, "invalid_request", "request body too large"));
    }
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::eof || ec == http::error::partial_message) {
      return close();
    }
    // Any other parse error: the bytes are not HTTP/1.1 we accept.
    return write(Router::error_response(400, "invalid_request", "malformed HTTP request"));
  }

  void write(HttpResponse res) {
    if (server_.stopping || !request_) res.keep_alive(false);
    response_ = std::move(res);
    stream_.expires_after(server_.options.write_timeout);
    http::async_write(
        stream_, *response_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
  }

  void on_write(beast::error_code ec) {
    log();
    const bool keep_alive = response_->keep_alive();
    response_.reset();
    if (ec || !keep_alive) return close();
    read_header();
  }

  void log() const {
    AccessRecord r;
    r.peer = peer_;
    r.method = request_ ? std::string_view(request_->method_string()) : std::string_view("-");
    r.path = request_ ? target_path(request_->target()) : std::string_view("-");
    r.version = request_ ? request_->version() : 11;
    r.status = response_->result_int();
    r.body_bytes = response_->body().size();
    r.elapsed = Clock::now() - started_;
    write_log_line(format_access_line(r));
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  HttpServer::Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<HttpRequest> request_;
  std::optional<HttpResponse> response_;
  std::string peer_;
  std::string client_;  // LoginLimiter's key of the peer's address
  Clock::time_point started_ = Clock::now();
  bool idle_ = false;
};

HttpResponse HttpServer::Impl::handle_safely(const HttpRequest& request,
                                             std::string_view client) const noexcept {
  try {
    return router.handle(request, client);
  } catch (const std::exception& e) {
    write_log_line(std::string("error: ") + e.what() + "\n");
  } catch (...) {
    write_log_line("error: unknown exception\n");
  }
  try {
    return Router::error_response(500, "server_error", "internal error", request.version());
  } catch (...) {
    std::terminate();  // out of memory while reporting out of memory
  }
}

void HttpServer::Impl::accept() {
  acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || stopping) return;
    if (ec) {
      // Typically EMFILE: back off briefly instead of spinning.
      write_log_line("accept: " + ec.message() + "\n");
      accept_retry.expires_after(std::chrono::milliseconds(50));
      accept_retry.async_wait([this](beast::error_code e) {
        if (!e) accept();
      });
      return;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    const auto remote = socket.remote_endpoint(ignored);
    std::shared_ptr<Session> session;
    {
      std::lock_guard lock(sessions_mutex);
      if (sessions.size() < options.max_connections) {
        session = std::make_shared<Session>(
            std::move(socket), *this, ignored ? "-" : endpoint_text(remote),
            ignored ? "-" : LoginLimiter::client_key(remote.address()));
        sessions.emplace(session.get(), session);
      }
    }
    if (session) session->start();  // else `socket` closes here: over the connection limit
    accept();
  });
}

void HttpServer::Impl::wait_for_signal() {
  signals.async_wait([this](beast::error_code ec, int signal) {
    if (ec) return;  // cancelled: shutting down
    if (signal != SIGHUP) return begin_shutdown();
    if (reload) {
      reload();
    } else {
      write_log_line("SIGHUP: nothing to reload\n");
    }
    wait_for_signal();
  });
}

void HttpServer::Impl::begin_shutdown() {
  if (stopping.exchange(true)) return;
  write_log_line("shutting down: no new connections, finishing requests in flight\n");
  beast::error_code ignored;
  acceptor.close(ignored);
  signals.cancel(ignored);
  accept_retry.cancel();
  deadline.expires_after(options.shutdown_grace);
  deadline.async_wait([this](beast::error_code ec) {
    if (ec) return;  // cancelled: every connection closed in time
    write_log_line("shutdown grace period over: closing the remaining connections\n");
    ioc.stop();
  });
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mutex);
    for (auto& [ptr, weak] : sessions) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
    if (sessions.empty()) deadline.cancel();
  }
  for (auto& s : live) s->close_if_idle();
}

void HttpServer::Impl::forget(const Session* session) {
  std::lock_guard lock(sessions_mutex);
  sessions.erase(session);
  if (stopping && sessions.empty() && !ioc.stopped()) {
    asio::post(strand, [this] { deadline.cancel(); });
  }
}

HttpServer::HttpServer(const ServeOptions& options, const Router& router)
    : impl_(std::make_unique<Impl>(options, router)) {}

HttpServer::~HttpServer() = default;

Result<void> HttpServer::listen(const std::string& address, std::uint16_t port) {
  beast::error_code ec;
  const auto ip = asio::ip::make_address(address, ec);
  if (ec) return Error(Errc::kInvalidOption, "invalid bind address '" + address + "'");
  const tcp::endpoint endpoint(ip, port);
  auto& acceptor = impl_->acceptor;
  const auto fail = [&](const char* what) {
    return Error(Errc::kInvalidOption, std::string("cannot ") + what + " " +
                                           endpoint_text(endpoint) + ": " + ec.message());
  };
  acceptor.open(endpoint.protocol(), ec);
  if (ec) return fail("open a socket for");
  acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) return fail("configure");
  acceptor.bind(endpoint, ec);
  if (ec) return fail("bind to");
  acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen on");
  return {};
}

std::string HttpServer::url() const {
  beast::error_code ec;
  const auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? std::string() : "http://" + endpoint_text(ep);
}

void HttpServer::run(unsigned threads) {
  auto& impl = *impl_;
  asio::dispatch(impl.strand, [&impl] { impl.wait_for_signal(); });
  asio::dispatch(impl.strand, [&impl] { impl.accept(); });
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < std::max(1u, threads); ++i)
    pool.emplace_back([&impl] { impl.ioc.run(); });
  impl.ioc.run();
  for (auto& t : pool) t.join();
  impl.slow_pool.join();
}

void HttpServer::on_reload(std::function<void()> handler) {
  impl_->reload = std::move(handler);
}

void HttpServer::stop() {
  asio::post(impl_->strand, [impl = impl_.get()] { impl->begin_shutdown(); });
}

}  // namespace jot::server
