// HTTP-library trial (server/bench/http_trial/run.sh): minimal GET /health on cpp-httplib.
#include <httplib.h>

#include <cstdlib>
int main(int argc, char** argv) {
  int threads = argc > 1 ? std::atoi(argv[1]) : 8;
  httplib::Server s;
  s.set_tcp_nodelay(true);
  s.set_keep_alive_max_count(100000);
  s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  s.Get("/health", [](const httplib::Request&, httplib::Response& r) {
    r.set_content("{\"status\":\"ok\"}", "application/json");
  });
  s.listen("127.0.0.1", 18082);
}
