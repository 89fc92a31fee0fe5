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
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <csignal>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "auth/login_limiter.hpp"
#include "http/access_log.hpp"
#include "http/connections_per_address.hpp"
#include "http/metrics.hpp"
#include "http/request_reader.hpp"
#include "http/tls_context.hpp"

namespace jot::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// At most this many logins (Argon2, ~19 MiB each) run or wait at once; more get 503.
constexpr unsigned kMaxSlowInFlight = 64;
// Bytes asked of the socket per read; what the request reader has not consumed stays
// buffered, bounded by its limits.
constexpr std::size_t kReadBytes = 16 * 1024;
// After a refusal: what is read and dropped at most before the connection closes.
constexpr std::size_t kLingerBytes = 256 * 1024;
constexpr std::chrono::seconds kLinger{2};

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

// What the server needs of a connection, whatever its stream (plain TCP or TLS).
class Connection {
 public:
  virtual ~Connection() = default;
  // During shutdown: a connection waiting for its next request is closed at once; one in
  // the middle of a request finishes it.
  virtual void close_if_idle() = 0;
};

// A listening socket and what its connections serve.
struct Listener {
  explicit Listener(asio::strand<asio::io_context::executor_type>& strand, bool only_metrics)
      : acceptor(strand), metrics_only(only_metrics) {}
  tcp::acceptor acceptor;
  bool metrics_only;  // --metrics-bind: GET /metrics only, plain HTTP
};

struct HttpServer::Impl {
  Impl(const ServeOptions& o, const Router& r)
      : options(o),
        router(r),
        metrics(r.metrics()),
        slow_pool(std::max(2u, std::thread::hardware_concurrency())),
        login_limiter(o.login_per_minute),
        limits{o.max_header_bytes, o.max_body_bytes, o.max_chunk_line_bytes, o.max_trailer_bytes} {}

  const ServeOptions options;
  const Router& router;
  Metrics* const metrics;  // null: --no-metrics

  // Declared before the io_context: sessions destroyed with its pending handlers still
  // unregister themselves here.
  std::mutex sessions_mutex;
  std::unordered_map<const Connection*, std::weak_ptr<Connection>> sessions;
  ConnectionsPerAddress per_address{options.max_connections_per_address};
  std::atomic<bool> stopping{false};
  std::atomic<unsigned> slow_in_flight{0};

  asio::io_context ioc;
  asio::strand<asio::io_context::executor_type> strand{asio::make_strand(ioc)};
  std::list<Listener> listeners;  // the API's first; a list: acceptors stay where they are
  asio::signal_set signals{strand, SIGINT, SIGTERM, SIGHUP};
  std::function<void()> reload;
  asio::steady_timer deadline{strand};
  asio::steady_timer accept_retry{strand};
  asio::thread_pool slow_pool;
  LoginLimiter login_limiter;
  const FramingLimits limits;
  const bool json_log = options.log_format == "json";
  // TLS (--tls-cert): the context new connections get; replaced on SIGHUP, on the strand
  // (where accepting happens too). Connections hold theirs until they close.
  std::shared_ptr<TlsContext> tls;
  std::string tls_cert_file, tls_key_file;
  TrustedProxies proxies;
  CorsPolicy cors;

  Result<void> listen(Listener& listener, const std::string& address, std::uint16_t port);
  void accept(Listener& listener);
  template <class Session>
  void start_session(tcp::socket socket, const tcp::endpoint& remote, bool metrics_only,
                     std::shared_ptr<TlsContext> context);
  void wait_for_signal();
  void reload_tls();
  void begin_shutdown();
  void forget(const Connection* session, const std::string& address_key);
  HttpResponse handle_safely(const HttpRequest& request, bool metrics_only,
                             std::string_view client) const noexcept;
};

// One connection: reads requests and writes responses until the client or the server ends
// it. `Stream` is beast::tcp_stream (HTTP) or beast::ssl_stream over one (HTTPS); the TLS
// handshake is the only step that differs.
template <class Stream>
class Session : public Connection, public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  // `context`: the TLS context (null for plain HTTP), held as long as the connection.
  // `address_key`: what ConnectionsPerAddress counted this connection as; empty for a
  // trusted proxy (not counted per address).
  Session(HttpServer::Impl& server, const tcp::endpoint& remote, std::string client,
          std::string address_key, bool metrics_only, tcp::socket&& socket,
          std::shared_ptr<TlsContext> context)
      : server_(server),
        context_(std::move(context)),
        stream_(open_stream(std::move(socket), context_.get())),
        peer_(endpoint_text(remote)),
        peer_address_(remote.address()),
        client_(std::move(client)),
        address_key_(std::move(address_key)),
        from_proxy_(address_key_.empty()),
        metrics_only_(metrics_only) {
    if (server_.metrics != nullptr) server_.metrics->connection_opened();
  }
  ~Session() override {
    if (server_.metrics != nullptr) server_.metrics->connection_closed();
    server_.forget(this, address_key_);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start() {
    asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kTls) {
        self->handshake();
      } else {
        self->read_header();
      }
    });
  }

  void close_if_idle() override {
    asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if (self->idle_ && self->buffer_.size() == 0) self->close();
    });
  }

 private:
  static Stream open_stream(tcp::socket&& socket, TlsContext* context) {
    if constexpr (kTls) {
      return Stream(std::move(socket), *context);
    } else {
      (void)context;
      return Stream(std::move(socket));
    }
  }
  beast::tcp_stream& tcp() noexcept { return beast::get_lowest_layer(stream_); }

  // TLS: the handshake has the head's deadline; a client that fails it (plain HTTP on the
  // HTTPS port, TLS 1.1, no shared cipher) is disconnected without an answer.
  void handshake() {
    idle_ = true;
    tcp().expires_after(server_.options.header_timeout);
    stream_.async_handshake(
        boost::asio::ssl::stream_base::server,
        [self = this->shared_from_this()](beast::error_code ec) {
          if (ec) {
            if (self->server_.metrics != nullptr && self->tcp().socket().is_open()) {
              self->server_.metrics->count_tls_handshake_failure();
            }
            return self->close();
          }
          self->read_header();
        });
  }

  // The next request on this connection: pipelined bytes may already hold it.
  void read_header() {
    if (server_.stopping) return close();
    request_.reset();
    forwarded_client_.clear();
    reader_.emplace(server_.limits);
    idle_ = true;
    tcp().expires_after(server_.options.header_timeout);
    parse_buffered();
  }

  void parse_buffered() {
    std::size_t used = 0;
    const auto* data = static_cast<const char*>(buffer_.data().data());
    const auto status = reader_->feed(std::string_view(data, buffer_.size()), used);
    buffer_.consume(used);
    if (idle_ && reader_->header_done()) on_header();
    if (status == RequestReader::Status::kRefused) return refuse(reader_->refusal());
    if (status == RequestReader::Status::kComplete) return on_body();
    stream_.async_read_some(buffer_.prepare(kReadBytes),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->on_read(ec, n);
                            });
  }

  void on_read(beast::error_code ec, std::size_t n) {
    // A client that went away or timed out, or a connection we closed (shutdown of an idle
    // one), is simply dropped: nobody is left to answer. (TLS errors included.)
    if (ec) return close();
    buffer_.commit(n);
    parse_buffered();
  }

  void on_header() {
    idle_ = false;
    started_ = Clock::now();
    tcp().expires_after(server_.options.body_timeout);
  }

  void on_body() {
    request_ = reader_->release();
    reader_.reset();
    tcp().expires_never();  // the handler's time is not the client's fault
    if (!server_.proxies.empty() && !metrics_only_) find_client();
    if (!server_.cors.empty() && !metrics_only_ && CorsPolicy::is_preflight(*request_)) {
      return write(server_.cors.preflight(*request_));
    }
    if (metrics_only_ || !Router::is_slow(*request_)) {
      return write(server_.handle_safely(*request_, metrics_only_, client_));
    }

    if (Router::is_login(*request_)) {
      if (const auto wait = server_.login_limiter.acquire(client_, Clock::now())) {
        if (server_.metrics != nullptr) server_.metrics->count_refusal(Refused::kLoginRate);
        auto res = Router::error_response(429, "too_many_requests",
                                          "too many login attempts from this address",
                                          request_->version());
        res.set(http::field::retry_after, std::to_string(wait->count()));
        return write(std::move(res));
      }
    }

    if (server_.slow_in_flight.fetch_add(1) >= kMaxSlowInFlight) {
      server_.slow_in_flight.fetch_sub(1);
      if (server_.metrics != nullptr) server_.metrics->count_refusal(Refused::kLoginConcurrency);
      auto res = Router::error_response(503, "temporarily_unavailable", "too many logins at once",
                                        request_->version());
      res.set(http::field::retry_after, "1");
      return write(std::move(res));
    }
    asio::post(server_.slow_pool, [self = this->shared_from_this()] {
      auto res = self->server_.handle_safely(*self->request_, false, self->client_);
      self->server_.slow_in_flight.fetch_sub(1);
      asio::post(self->stream_.get_executor(),
                 [self, r = std::move(res)]() mutable { self->write(std::move(r)); });
    });
  }

  // --trusted-proxy: the client of this request. A proxy's connection carries requests of
  // many clients, so this is decided per request; another peer's X-Forwarded-For is only
  // counted (a client that tries to choose its own address, or a proxy not configured).
  void find_client() {
    const auto [first, end] = request_->equal_range("X-Forwarded-For");
    if (!from_proxy_) {
      if (first != end && server_.metrics != nullptr) {
        server_.metrics->count_forwarded_for(ForwardedFor::kIgnored);
      }
      return;
    }
    std::vector<std::string_view> fields;
    for (auto it = first; it != end; ++it) fields.push_back(it->value());
    const auto found = server_.proxies.client_of(peer_address_, fields);
    client_ = LoginLimiter::client_key(found.address);
    ForwardedFor outcome = ForwardedFor::kNone;
    switch (found.forwarded) {
      case Forwarded::kUsed:
        outcome = ForwardedFor::kUsed;
        break;
      case Forwarded::kAllTrusted:
        outcome = ForwardedFor::kAllTrusted;
        break;
      case Forwarded::kMalformed:
        outcome = ForwardedFor::kMalformed;
        break;
      case Forwarded::kNone:
      case Forwarded::kNotTrusted:
        break;
    }
    if (outcome != ForwardedFor::kNone) forwarded_client_ = found.address.to_string();
    if (server_.metrics != nullptr) server_.metrics->count_forwarded_for(outcome);
  }

  // A request that breaks a framing rule or a limit: answered, then the connection closes
  // (without request_, write() says Connection: close), so no byte after it is served.
  void refuse(const Refusal& refusal) {
    reader_.reset();
    idle_ = false;
    refused_ = true;
    write(Router::error_response(refusal.status, "invalid_request", std::string(refusal.message)));
  }

  void write(HttpResponse res) {
    if (server_.stopping || !request_) res.keep_alive(false);
    if (request_ && !metrics_only_ && !server_.cors.empty()) server_.cors.decorate(*request_, res);
    response_ = std::move(res);
    tcp().expires_after(server_.options.write_timeout);
    http::async_write(stream_, *response_,
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                        self->on_write(ec);
                      });
  }

  void on_write(beast::error_code ec) {
    record();
    const bool keep_alive = response_->keep_alive();
    response_.reset();
    if (ec) return close();
    if (refused_) return linger();
    if (!keep_alive) return close();
    read_header();
  }

  // The access log line and the request's metrics.
  void record() const {
    AccessRecord r;
    r.peer = forwarded_client_.empty() ? std::string_view(peer_) : forwarded_client_;
    if (!forwarded_client_.empty()) r.via = peer_;
    r.method = request_ ? std::string_view(request_->method_string()) : std::string_view("-");
    r.path = request_ ? target_path(request_->target()) : std::string_view("-");
    r.version = request_ ? request_->version() : 11;
    r.status = response_->result_int();
    r.body_bytes = response_->body().size();
    r.elapsed = Clock::now() - started_;
    if (server_.metrics != nullptr) {
      server_.metrics->count_request(request_ ? route_of(r.path) : Route::kOther, r.status,
                                     r.elapsed);
    }
    if (!server_.json_log) return write_log_line(format_access_line(r));
    if (r.status == 401) r.reason = error_description_of(response_->body());
    write_log_line(format_access_json(r));
  }

  // After a refusal the client may still be sending (a body we will not read): closing with
  // unread bytes would reset the connection and could destroy the answer before the client
  // reads it (RFC 9112 §9.6). So stop sending, then read and drop what still comes, for at
  // most kLingerBytes or kLinger, and close.
  void linger() {
    beast::error_code ignored;
    tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);
    if (lingered_ == 0) tcp().expires_after(kLinger);
    if (lingered_ >= kLingerBytes) return close();
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(kReadBytes),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->close();
                              self->lingered_ += n;
                              self->linger();
                            });
  }

  // TLS connections end without close_notify: every response is delimited by its
  // Content-Length, so a truncation cannot pass for a complete answer.
  void close() {
    beast::error_code ignored;
    tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
    tcp().close();
  }

  HttpServer::Impl& server_;
  std::shared_ptr<TlsContext> context_;  // before stream_: outlives it
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<RequestReader> reader_;
  std::optional<HttpRequest> request_;
  std::optional<HttpResponse> response_;
  std::string peer_;
  const boost::asio::ip::address peer_address_;
  // LoginLimiter's key of the client's address: the peer's, or (from a trusted proxy) the
  // one X-Forwarded-For names for the request at hand.
  std::string client_;
  std::string forwarded_client_;   // that address, for the log; empty: the peer is the client
  const std::string address_key_;  // the peer, as counted by ConnectionsPerAddress
  const bool from_proxy_;          // the peer is a trusted proxy
  Clock::time_point started_ = Clock::now();
  bool idle_ = false;
  bool refused_ = false;
  std::size_t lingered_ = 0;
  const bool metrics_only_;
};

using PlainSession = Session<beast::tcp_stream>;
using TlsSession = Session<beast::ssl_stream<beast::tcp_stream>>;

HttpResponse HttpServer::Impl::handle_safely(const HttpRequest& request, bool metrics_only,
                                             std::string_view client) const noexcept {
  try {
    return metrics_only ? router.handle_metrics_only(request) : router.handle(request, client);
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

void HttpServer::Impl::accept(Listener& listener) {
  listener.acceptor.async_accept(
      asio::make_strand(ioc), [this, &listener](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || stopping) return;
        if (ec) {
          // Typically EMFILE: back off briefly instead of spinning.
          write_log_line("accept: " + ec.message() + "\n");
          accept_retry.expires_after(std::chrono::milliseconds(50));
          accept_retry.async_wait([this, &listener](beast::error_code e) {
            if (!e) accept(listener);
          });
          return;
        }
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        const auto remote = socket.remote_endpoint(ignored);
        if (ignored) {
          accept(listener);  // already gone
          return;
        }
        if (tls && !listener.metrics_only) {
          start_session<TlsSession>(std::move(socket), remote, false, tls);
        } else {
          start_session<PlainSession>(std::move(socket), remote, listener.metrics_only, nullptr);
        }
        accept(listener);
      });
}

template <class SessionType>
void HttpServer::Impl::start_session(tcp::socket socket, const tcp::endpoint& remote,
                                     bool metrics_only, std::shared_ptr<TlsContext> context) {
  const std::string key = LoginLimiter::client_key(remote.address());
  // A trusted proxy carries many clients' connections: capping it as one address would cap
  // the whole service. Its clients' limits are the proxy's to enforce; the login limiter
  // still counts each of them by the address the proxy names.
  const bool from_proxy = !metrics_only && proxies.trusts(remote.address());
  std::shared_ptr<SessionType> session;
  {
    std::lock_guard lock(sessions_mutex);
    if (sessions.size() < options.max_connections && (from_proxy || per_address.try_open(key))) {
      session = std::make_shared<SessionType>(*this, remote, key, from_proxy ? std::string() : key,
                                              metrics_only, std::move(socket), std::move(context));
      sessions.emplace(session.get(), session);
    }
  }
  // Else `socket` closes here: over the connection limit, or over this address's share.
  if (session) {
    session->start();
  } else if (metrics != nullptr) {
    metrics->count_refusal(Refused::kConnections);
  }
}

void HttpServer::Impl::wait_for_signal() {
  signals.async_wait([this](beast::error_code ec, int signal) {
    if (ec) return;  // cancelled: shutting down
    if (signal != SIGHUP) return begin_shutdown();
    if (reload) {
      reload();
    } else if (!tls) {
      write_log_line("SIGHUP: nothing to reload\n");
    }
    if (tls) reload_tls();
    wait_for_signal();
  });
}

// Like the signing keys: a certificate or key that no longer loads leaves the current ones
// in use; connections already open keep the context they began with.
void HttpServer::Impl::reload_tls() {
  auto fresh = load_tls_context(tls_cert_file, tls_key_file);
  if (!fresh) {
    write_log_line(
        "jot serve: SIGHUP: TLS certificate NOT reloaded, the current one stays in use: " +
        std::string(fresh.error().message()) + "\n");
    return;
  }
  tls = std::move(*fresh);
  write_log_line("jot serve: SIGHUP: TLS certificate reloaded: " + describe_certificate(*tls) +
                 "\n");
}

void HttpServer::Impl::begin_shutdown() {
  if (stopping.exchange(true)) return;
  write_log_line("shutting down: no new connections, finishing requests in flight\n");
  beast::error_code ignored;
  for (auto& listener : listeners) listener.acceptor.close(ignored);
  signals.cancel(ignored);
  accept_retry.cancel();
  deadline.expires_after(options.shutdown_grace);
  deadline.async_wait([this](beast::error_code ec) {
    if (ec) return;  // cancelled: every connection closed in time
    write_log_line("shutdown grace period over: closing the remaining connections\n");
    ioc.stop();
  });
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(sessions_mutex);
    for (auto& [ptr, weak] : sessions) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
    if (sessions.empty()) deadline.cancel();
  }
  for (auto& s : live) s->close_if_idle();
}

void HttpServer::Impl::forget(const Connection* session, const std::string& address_key) {
  std::lock_guard lock(sessions_mutex);
  sessions.erase(session);
  per_address.close(address_key);
  if (stopping && sessions.empty() && !ioc.stopped()) {
    asio::post(strand, [this] { deadline.cancel(); });
  }
}

Result<void> HttpServer::Impl::listen(Listener& listener, const std::string& address,
                                      std::uint16_t port) {
  beast::error_code ec;
  const auto ip = asio::ip::make_address(address, ec);
  if (ec) return Error(Errc::kInvalidOption, "invalid bind address '" + address + "'");
  const tcp::endpoint endpoint(ip, port);
  auto& acceptor = listener.acceptor;
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

HttpServer::HttpServer(const ServeOptions& options, const Router& router)
    : impl_(std::make_unique<Impl>(options, router)) {}

HttpServer::~HttpServer() = default;

Result<void> HttpServer::use_tls(const std::string& cert_file, const std::string& key_file) {
  auto context = load_tls_context(cert_file, key_file);
  if (!context) return context.error();
  impl_->tls = std::move(*context);
  impl_->tls_cert_file = cert_file;
  impl_->tls_key_file = key_file;
  return {};
}

void HttpServer::trust_proxies(TrustedProxies proxies) {
  impl_->proxies = std::move(proxies);
}

void HttpServer::allow_origins(CorsPolicy cors) {
  impl_->cors = std::move(cors);
}

std::string HttpServer::tls_description() const {
  return impl_->tls ? describe_certificate(*impl_->tls) : std::string();
}

Result<void> HttpServer::listen(const std::string& address, std::uint16_t port) {
  auto& listener = impl_->listeners.emplace_front(impl_->strand, false);
  return impl_->listen(listener, address, port);
}

Result<void> HttpServer::listen_metrics(const std::string& address, std::uint16_t port) {
  auto& listener = impl_->listeners.emplace_back(impl_->strand, true);
  return impl_->listen(listener, address, port);
}

namespace {

std::string url_of(const Listener* listener, const char* scheme) {
  if (listener == nullptr) return {};
  beast::error_code ec;
  const auto ep = listener->acceptor.local_endpoint(ec);
  return ec ? std::string() : scheme + endpoint_text(ep);
}

}  // namespace

std::string HttpServer::url() const {
  for (const auto& l : impl_->listeners) {
    if (!l.metrics_only) return url_of(&l, impl_->tls ? "https://" : "http://");
  }
  return {};
}

std::string HttpServer::metrics_url() const {
  for (const auto& l : impl_->listeners) {
    if (l.metrics_only) return url_of(&l, "http://");
  }
  return {};
}

void HttpServer::run(unsigned threads) {
  auto& impl = *impl_;
  asio::dispatch(impl.strand, [&impl] { impl.wait_for_signal(); });
  for (auto& listener : impl.listeners) {
    asio::dispatch(impl.strand, [&impl, &listener] { impl.accept(listener); });
  }
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
