#pragma once

namespace jot::bench {

// Registers every benchmark of jot_bench (jot_bench.cpp).
void register_benchmarks();

// Registers only the jot and floor rows that bench/compare.sh compares with the peers, for
// jot_bench_peers (jot_bench.cpp).
void register_peer_rows();

}  // namespace jot::bench
