// jot_bench_peers: the C++ peers (libjwt, cpp-jwt, jwt-cpp) and, in the same process and
// interleaved with them, the jot and floor rows they are compared with (bench/compare.sh).

#include <benchmark/benchmark.h>

#include "bench_registry.hpp"
#include "peers_registry.hpp"
#include "support/alloc_counter.hpp"

int main(int argc, char** argv) {
  jot_test::count_openssl_allocations();  // before anything touches OpenSSL
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  jot::bench::register_peer_rows();
  jot::bench::register_libjwt_benchmarks();
  jot::bench::register_cppjwt_benchmarks();
#ifdef JOT_BENCH_JWTCPP
  jot::bench::register_jwtcpp_benchmarks();
#endif
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
