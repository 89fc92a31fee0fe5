#pragma once

namespace jot::bench {

// The peer benchmarks of jot_bench_peers.
void register_libjwt_benchmarks();  // libjwt_bench.cpp
void register_cppjwt_benchmarks();  // cppjwt_bench.cpp
void register_jwtcpp_benchmarks();  // jwtcpp_bench.cpp (when jwt-cpp's headers are present)

}  // namespace jot::bench
