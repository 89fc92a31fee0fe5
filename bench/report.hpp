#pragma once

// Collects the median of every benchmark while the console shows the usual output, then
// prints the ratio tables of issue #6 (jot/floor, reject/accept, 2 threads/1 thread,
// allocations per verify) with each target's verdict.

#include <benchmark/benchmark.h>

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace jot::bench {

struct Measure {
  double ops_per_second = 0;
  double cxx_allocs = -1;  // per operation; -1 when not counted
  double ossl_allocs = -1;
  double payload_bytes = 0;  // verify rows: the payload's size
};

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override;

  // Name "<case>/<op>/<payload>/<side>" (+ "/threads:N" for threaded runs) → median.
  const std::map<std::string, Measure>& medians() const noexcept { return medians_; }

  // Returns the number of targets missed.
  int print_tables(std::ostream& out) const;

 private:
  std::map<std::string, Measure> medians_;
  std::map<std::string, Measure> single_runs_;  // used when run without repetitions
};

}  // namespace jot::bench
