#include "report.hpp"

#include <algorithm>
#include <cstdio>
#include <initializer_list>

namespace jot::bench {
namespace {

std::string key_of(const benchmark::BenchmarkReporter::Run& run) {
  std::string name = run.run_name.function_name;
  if (run.threads > 1 || name.find("_mt/") != std::string::npos)
    name += "/threads:" + std::to_string(run.threads);
  return name;
}

Measure measure_of(const benchmark::BenchmarkReporter::Run& run) {
  Measure m;
  // Single-thread runs: CPU time per operation, which stays meaningful on a machine shared
  // with other work (wall time would count the time this process waited for a core).
  // Threaded runs (UseRealTime): wall time per iteration with the iterations of all threads
  // summed, i.e. the aggregate throughput.
  const bool threaded = run.run_name.function_name.find("_mt/") != std::string::npos;
  const double time = threaded ? run.GetAdjustedRealTime() : run.GetAdjustedCPUTime();
  const double per_op = time / benchmark::GetTimeUnitMultiplier(run.time_unit);
  m.ops_per_second = per_op > 0 ? 1.0 / per_op : 0;
  if (auto it = run.counters.find("cxx_allocs"); it != run.counters.end())
    m.cxx_allocs = it->second;
  if (auto it = run.counters.find("ossl_allocs"); it != run.counters.end())
    m.ossl_allocs = it->second;
  if (auto it = run.counters.find("payload_bytes"); it != run.counters.end())
    m.payload_bytes = it->second;
  return m;
}

std::string rate(double ops) {
  char buf[32];
  if (ops >= 1e6)
    std::snprintf(buf, sizeof buf, "%.2fM", ops / 1e6);
  else if (ops >= 1e3)
    std::snprintf(buf, sizeof buf, "%.1fk", ops / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.0f", ops);
  return buf;
}

std::string fixed(double v, const char* format) {
  char buf[32];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// The floor targets: jot/floor ops/s for seed-payload sign and verify (issue #6; HS256
// verify raised to 45 % by issue #15).
double floor_target(const std::string& label, const std::string& op) {
  if (label == "HS256") return op == "verify" ? 0.45 : 0.40;
  for (const char* l : {"RS256", "PS256", "ES256", "ES384", "EdDSA"})
    if (label == l) return 0.95;
  return 0;  // no target: ratio shown for information
}

}  // namespace

void RatioReporter::ReportRuns(const std::vector<Run>& runs) {
  ConsoleReporter::ReportRuns(runs);
  for (const Run& run : runs) {
    if (run.error_occurred) continue;
    if (run.run_type == Run::RT_Aggregate) {
      if (run.aggregate_name == "median") medians_[key_of(run)] = measure_of(run);
    } else {
      single_runs_[key_of(run)] = measure_of(run);
    }
  }
}

int RatioReporter::print_tables(std::ostream& out) const {
  // Without --benchmark_repetitions there are no medians: fall back to the single runs.
  const auto& m = medians_.empty() ? single_runs_ : medians_;
  const char* basis = medians_.empty() ? "single runs" : "medians of the repetitions";
  auto get = [&](const std::string& name) -> const Measure* {
    auto it = m.find(name);
    return it == m.end() ? nullptr : &it->second;
  };
  int missed = 0;
  auto verdict = [&](double value, double target, bool at_most = false) -> std::string {
    if (target <= 0) return "";
    const bool ok = at_most ? value <= target : value >= target;
    if (!ok) ++missed;
    return ok ? "ok" : "MISSED";
  };

  out << "\n== jot vs OpenSSL floor (" << basis << ", ops/s of CPU time) ==\n";
  out << "case         op     payload   jot        floor      jot/floor  target\n";
  const char* labels[] = {"HS256", "HS384", "HS512",  "RS256", "RS384",
                          "RS512", "PS256", "PS384",  "PS512", "ES256",
                          "ES384", "ES512", "ES256K", "EdDSA", "EdDSA-Ed448"};
  for (const char* payload : {"seed", "1KB"}) {
    for (const char* label : labels) {
      for (const char* op : {"sign", "verify"}) {
        const std::string base = std::string(label) + "/" + op + "/" + payload + "/";
        const Measure* jot = get(base + "jot");
        const Measure* floor = get(base + "floor");
        if (jot == nullptr || floor == nullptr) continue;
        const double ratio = jot->ops_per_second / floor->ops_per_second;
        const double target = std::string(payload) == "seed" ? floor_target(label, op) : 0;
        char line[160];
        std::snprintf(line, sizeof line, "%-12s %-6s %-9s %-10s %-10s %-10s %s\n", label, op,
                      payload, rate(jot->ops_per_second).c_str(),
                      rate(floor->ops_per_second).c_str(), fixed(ratio * 100, "%.1f%%").c_str(),
                      target > 0
                          ? (">=" + fixed(target * 100, "%.0f%% ") + verdict(ratio, target)).c_str()
                          : "");
        out << line;
      }
    }
  }

  // Issue #15: every issuer shape at >= 35 % of the floor on the same bytes, and jot's own
  // time per payload byte (jot - floor) within 2x across the shapes.
  out << "\n== issuer shapes: HS256 verify with iss/aud expected (target >= 35% of the floor; "
         "own ns per byte within 2x) ==\n";
  out << "shape           bytes  jot        floor      jot/floor  own ns/B  target\n";
  double lowest = 0;
  double highest = 0;
  for (const auto& [name, jot] : m) {
    const std::string prefix = "HS256/verify/";
    if (name.rfind(prefix, 0) != 0 || name.size() < 4 || name.substr(name.size() - 4) != "/jot")
      continue;
    const std::string shape = name.substr(prefix.size(), name.size() - prefix.size() - 4);
    if (shape == "seed" || shape == "1KB") continue;
    const Measure* floor = get(prefix + shape + "/floor");
    if (floor == nullptr || jot.payload_bytes <= 0) continue;
    const double ratio = jot.ops_per_second / floor->ops_per_second;
    const double own =
        (1 / jot.ops_per_second - 1 / floor->ops_per_second) * 1e9 / jot.payload_bytes;
    lowest = lowest == 0 ? own : std::min(lowest, own);
    highest = std::max(highest, own);
    char line[200];
    std::snprintf(line, sizeof line, "%-15s %-6.0f %-10s %-10s %-10s %-9s >=35%% %s\n",
                  shape.c_str(), jot.payload_bytes, rate(jot.ops_per_second).c_str(),
                  rate(floor->ops_per_second).c_str(), fixed(ratio * 100, "%.1f%%").c_str(),
                  fixed(own, "%.2f").c_str(), verdict(ratio, 0.35).c_str());
    out << line;
  }
  if (lowest > 0) {
    out << "own cost per byte, highest / lowest: " << fixed(highest / lowest, "%.2fx")
        << " (target <= 2x " << verdict(highest / lowest, 2.0, true) << ")\n";
  }

  out << "\n== rejection vs acceptance (targets: a bad signature no slower than acceptance, "
         "5% noise allowed; a malformed token >= 10x cheaper) ==\n";
  out << "case         payload        path                  ops/s      accept     reject/accept  "
         "target\n";
  for (const auto& [name, reject] : m) {
    // "<case>/reject_<path>/<payload>/jot" against "<case>/verify/<payload>/jot".
    const std::size_t first = name.find('/');
    if (first == std::string::npos || name.compare(first + 1, 7, "reject_") != 0) continue;
    const std::size_t second = name.find('/', first + 1);
    const std::size_t third = name.find('/', second + 1);
    if (second == std::string::npos || third == std::string::npos) continue;
    const std::string label = name.substr(0, first);
    const std::string path = name.substr(first + 1, second - first - 1);
    const std::string payload = name.substr(second + 1, third - second - 1);
    const Measure* accept = get(label + "/verify/" + payload + "/jot");
    if (accept == nullptr) continue;
    const double ratio = reject.ops_per_second / accept->ops_per_second;
    const double target = path == "reject_malformed" ? 10.0 : 0.95;
    char line[200];
    std::snprintf(line, sizeof line, "%-12s %-14s %-21s %-10s %-10s %-14s >=%s %s\n", label.c_str(),
                  payload.c_str(), path.c_str(), rate(reject.ops_per_second).c_str(),
                  rate(accept->ops_per_second).c_str(), fixed(ratio, "%.2f").c_str(),
                  fixed(target, "%.2f").c_str(), verdict(ratio, target).c_str());
    out << line;
  }

  out << "\n== verify on 2 threads sharing one Key (seed payload; target >= 1.8x for jot) ==\n";
  out << "case         side   1 thread   2 threads  speed-up  target\n";
  for (const char* label : {"HS256", "ES256"}) {
    for (const char* side : {"jot", "floor"}) {
      const std::string base = std::string(label) + "/verify_mt/seed/" + side + "/threads:";
      const Measure* one = get(base + "1");
      const Measure* two = get(base + "2");
      if (one == nullptr || two == nullptr) continue;
      const double ratio = two->ops_per_second / one->ops_per_second;
      char line[160];
      std::snprintf(line, sizeof line, "%-12s %-6s %-10s %-10s %-9s %s\n", label, side,
                    rate(one->ops_per_second).c_str(), rate(two->ops_per_second).c_str(),
                    fixed(ratio, "%.2fx").c_str(),
                    std::string(side) == "jot" ? (">=1.80 " + verdict(ratio, 1.8)).c_str() : "");
      out << line;
    }
  }

  out << "\n== heap allocations per operation (C++ operator new / OpenSSL CRYPTO_malloc) ==\n";
  for (const char* name :
       {"HS256/verify/seed/jot", "HS256/verify/seed/floor", "HS256/sign/seed/jot",
        "HS256/reject_bad_signature/seed/jot", "HS256/reject_malformed/seed/jot",
        "ES256/verify/seed/jot", "RS256/verify/seed/jot", "HS256/verify/1KB/jot"}) {
    const Measure* x = get(name);
    if (x == nullptr || x->cxx_allocs < 0) continue;
    // The cap of issue #6 is judged on jot's own allocations (C++); OpenSSL's are shown
    // beside them: the floor's HMAC makes as many as jot's does.
    const bool capped = std::string(name) == "HS256/verify/seed/jot";
    char line[200];
    std::snprintf(line, sizeof line, "%-36s C++ %-6s OpenSSL %-6s %s\n", name,
                  fixed(x->cxx_allocs, "%.1f").c_str(), fixed(x->ossl_allocs, "%.1f").c_str(),
                  capped ? ("jot's <= 4 " + verdict(x->cxx_allocs, 4, true)).c_str() : "");
    out << line;
  }
  out << "\ntargets missed: " << missed << "\n";
  return missed;
}

}  // namespace jot::bench
