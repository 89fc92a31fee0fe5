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

}  // namespace jot::bench
