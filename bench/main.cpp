// jot_bench: Google Benchmark with a custom main. Defaults to issue #6's protocol (5
// repetitions, medians) and prints the ratio tables after the usual console output.
// Any --benchmark_* flag given on the command line overrides the defaults.

#include <benchmark/benchmark.h>

#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "bench_registry.hpp"
#include "report.hpp"
#include "support/alloc_counter.hpp"

namespace {

bool has_flag(int argc, char** argv, const char* name) {
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], name, std::strlen(name)) == 0) return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  // Before anything touches OpenSSL, so that its allocations are counted too.
  const bool ossl_counted = jot_test::count_openssl_allocations();

  std::vector<std::string> storage;
  storage.emplace_back(argv[0]);
  for (int i = 1; i < argc; ++i) storage.emplace_back(argv[i]);
  if (!has_flag(argc, argv, "--benchmark_repetitions")) {
    storage.emplace_back("--benchmark_repetitions=5");
  }
  if (!has_flag(argc, argv, "--benchmark_report_aggregates_only") &&
      !has_flag(argc, argv, "--benchmark_display_aggregates_only")) {
    storage.emplace_back("--benchmark_display_aggregates_only=true");
  }
  // Repetitions of all benchmarks interleaved in random order: a drift in the machine's
  // load then spreads over jot and its floor alike instead of biasing one of them.
  if (!has_flag(argc, argv, "--benchmark_enable_random_interleaving")) {
    storage.emplace_back("--benchmark_enable_random_interleaving=true");
  }
  if (!has_flag(argc, argv, "--benchmark_min_time")) {
    storage.emplace_back("--benchmark_min_time=0.2");
  }
  std::vector<char*> args;
  for (auto& s : storage) args.push_back(s.data());
  int count = static_cast<int>(args.size());
  args.push_back(nullptr);

  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;

  jot::bench::register_benchmarks();
  jot::bench::register_jwe_benchmarks();
  jot::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  if (!ossl_counted) std::cout << "\n(note: OpenSSL allocations could not be counted)\n";
  reporter.print_tables(std::cout);
  jot::bench::print_jwe_tables(reporter.medians(), std::cout);
  benchmark::Shutdown();
  return 0;
}
