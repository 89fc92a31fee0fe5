#pragma once

namespace jot::bench {

// Registers every benchmark of jot_bench (jot_bench.cpp).
void register_benchmarks();

}  // namespace jot::bench
