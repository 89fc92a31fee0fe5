// jot_bench_peers: the C++ peers (libjwt, cpp-jwt), for bench/compare.sh.

#include <benchmark/benchmark.h>

#include "peers_registry.hpp"

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  jot::bench::register_libjwt_benchmarks();
  jot::bench::register_cppjwt_benchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
