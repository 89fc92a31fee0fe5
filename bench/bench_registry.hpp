#pragma once

#include <map>
#include <ostream>
#include <string>

#include "report.hpp"

namespace jot::bench {

// Registers every benchmark of jot_bench (jot_bench.cpp).
void register_benchmarks();

// The JWE rows (jwe_bench.cpp), and their table from the medians; returns the targets missed.
void register_jwe_benchmarks();
int print_jwe_tables(const std::map<std::string, Measure>& medians, std::ostream& out);
// Registers only the jot and floor rows that bench/compare.sh compares with the peers, for
// jot_bench_peers (jot_bench.cpp).
void register_peer_rows();

}  // namespace jot::bench
