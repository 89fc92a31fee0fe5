// HTTP-library trial (server/bench/http_trial/run.sh): minimal GET /health on Boost.Beast.
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
struct Session : std::enable_shared_from_this<Session> {
  beast::tcp_stream s;
  beast::flat_buffer buf;
  http::request<http::string_body> req;
  http::response<http::string_body> res;
  explicit Session(tcp::socket&& sock) : s(std::move(sock)) {}
  void read() {
    req = {};
    s.expires_after(std::chrono::seconds(10));
    http::async_read(s, buf, req, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      self->handle();
    });
  }
  void handle() {
    res = {};
    res.version(req.version());
    res.keep_alive(req.keep_alive());
    res.result(http::status::ok);
    res.set(http::field::content_type, "application/json");
    res.body() = "{\"status\":\"ok\"}";
    res.prepare_payload();
    http::async_write(s, res, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      if (!self->res.keep_alive()) return;
      self->read();
    });
  }
};
void accept(tcp::acceptor& a) {
  a.async_accept(asio::make_strand(a.get_executor()), [&a](beast::error_code ec, tcp::socket sock) {
    if (!ec) std::make_shared<Session>(std::move(sock))->read();
    accept(a);
  });
}
int main(int argc, char** argv) {
  int threads = argc > 1 ? std::atoi(argv[1]) : 2;
  asio::io_context ioc(threads);
  tcp::acceptor a(ioc, {asio::ip::make_address("127.0.0.1"), 18081});
  accept(a);
  std::vector<std::thread> v;
  for (int i = 1; i < threads; ++i) v.emplace_back([&] { ioc.run(); });
  ioc.run();
}
