#include "http/metrics.hpp"

#include <cinttypes>
#include <cstdio>

namespace jot::server {

namespace {

constexpr std::size_t kStatusCount = Metrics::kStatuses.size();
constexpr std::size_t kBucketCount = Metrics::kLatencyBounds.size() + 1;  // + Inf
constexpr std::size_t kShards = 16;

constexpr std::array<std::string_view, kRouteCount> kRouteLabels = {
    "/health",    "/ready", "/metrics", "/login",
    "/protected", "/me",    "/logout",  "/.well-known/jwks.json",
    "other"};

// The bounds in nanoseconds, for the comparison on the request path.
constexpr std::array<std::int64_t, Metrics::kLatencyBounds.size()> bounds_ns() {
  std::array<std::int64_t, Metrics::kLatencyBounds.size()> ns{};
  for (std::size_t i = 0; i < ns.size(); ++i) {
    ns[i] = static_cast<std::int64_t>(Metrics::kLatencyBounds[i] * 1e9 + 0.5);
  }
  return ns;
}
constexpr auto kBoundsNs = bounds_ns();

std::size_t status_index(unsigned status) noexcept {
  for (std::size_t i = 0; i + 1 < kStatusCount; ++i) {
    if (Metrics::kStatuses[i] == status) return i;
  }
  return kStatusCount - 1;
}

using Counter = std::atomic<std::uint64_t>;

void bump(Counter& c, std::uint64_t n = 1) noexcept {
  c.fetch_add(n, std::memory_order_relaxed);
}

void append_line(std::string& out, std::string_view name, std::string_view labels,
                 std::uint64_t value) {
  out += name;
  if (!labels.empty()) {
    out += '{';
    out += labels;
    out += '}';
  }
  out += ' ';
  out += std::to_string(value);
  out += '\n';
}

void append_head(std::string& out, std::string_view name, std::string_view type,
                 std::string_view help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

std::string label(std::string_view name, std::string_view value) {
  std::string text(name);
  text += "=\"";
  text += value;  // fixed label values: nothing to escape
  text += '"';
  return text;
}

std::string auth_failure_label(std::size_t index) {
  if (index == static_cast<std::size_t>(AuthFailure::kRevoked)) return "token_revoked";
  if (index == static_cast<std::size_t>(AuthFailure::kBadAuthorizationHeader)) {
    return "bad_authorization_header";
  }
  return std::string(errc_name(static_cast<Errc>(index)));
}

}  // namespace

struct alignas(64) Metrics::Shard {
  std::array<Counter, kRouteCount * kStatusCount> requests{};
  std::array<Counter, kRouteCount * kBucketCount> latency{};  // per bucket, not cumulative
  std::array<Counter, kRouteCount> latency_sum_ns{};
  std::array<Counter, kAuthFailureCount> auth_failures{};
  std::array<Counter, kRefusalCount> refusals{};
  std::array<Counter, kStoreKindCount> store_errors{};
  Counter tls_handshake_failures{0};
  std::array<Counter, kForwardedForCount> forwarded_for{};
};

Route route_of(std::string_view path) noexcept {
  for (std::size_t i = 0; i + 1 < kRouteCount; ++i) {
    if (path == kRouteLabels[i]) return static_cast<Route>(i);
  }
  return Route::kOther;
}

std::string_view route_label(Route route) noexcept {
  return kRouteLabels[static_cast<std::size_t>(route)];
}

Metrics::Metrics() : shards_(std::make_unique<Shard[]>(kShards)) {}
Metrics::~Metrics() = default;

Metrics::Shard& Metrics::shard() const noexcept {
  // Threads take shards in turn: the I/O threads (started together) get distinct ones.
  static std::atomic<unsigned> next{0};
  thread_local const unsigned index = next.fetch_add(1, std::memory_order_relaxed) % kShards;
  return shards_[index];
}

void Metrics::count_request(Route route, unsigned status,
                            std::chrono::nanoseconds elapsed) noexcept {
  Shard& s = shard();
  const auto r = static_cast<std::size_t>(route);
  bump(s.requests[r * kStatusCount + status_index(status)]);
  const std::int64_t ns = elapsed.count() < 0 ? 0 : elapsed.count();
  std::size_t bucket = 0;
  while (bucket < kBoundsNs.size() && ns > kBoundsNs[bucket]) ++bucket;
  bump(s.latency[r * kBucketCount + bucket]);
  bump(s.latency_sum_ns[r], static_cast<std::uint64_t>(ns));
}

void Metrics::count_auth_failure(Errc code) noexcept {
  bump(shard().auth_failures[static_cast<std::size_t>(code) % kAuthFailureCount]);
}

void Metrics::count_auth_failure(AuthFailure reason) noexcept {
  bump(shard().auth_failures[static_cast<std::size_t>(reason)]);
}

void Metrics::count_refusal(Refused refusal) noexcept {
  bump(shard().refusals[static_cast<std::size_t>(refusal)]);
}

void Metrics::count_store_error(StoreKind store) noexcept {
  bump(shard().store_errors[static_cast<std::size_t>(store)]);
}

void Metrics::count_tls_handshake_failure() noexcept {
  bump(shard().tls_handshake_failures);
}

void Metrics::count_forwarded_for(ForwardedFor outcome) noexcept {
  bump(shard().forwarded_for[static_cast<std::size_t>(outcome)]);
}

std::string Metrics::render() const {
  // Sum the shards first (relaxed loads: a scrape sees each counter at some recent value).
  Shard total;
  for (std::size_t i = 0; i < kShards; ++i) {
    const Shard& s = shards_[i];
    const auto add = [](auto& into, const auto& from) {
      for (std::size_t k = 0; k < into.size(); ++k) {
        into[k].fetch_add(from[k].load(std::memory_order_relaxed), std::memory_order_relaxed);
      }
    };
    add(total.requests, s.requests);
    add(total.latency, s.latency);
    add(total.latency_sum_ns, s.latency_sum_ns);
    add(total.auth_failures, s.auth_failures);
    add(total.refusals, s.refusals);
    add(total.store_errors, s.store_errors);
    add(total.forwarded_for, s.forwarded_for);
    bump(total.tls_handshake_failures, s.tls_handshake_failures.load(std::memory_order_relaxed));
  }
  const auto value = [](const Counter& c) { return c.load(std::memory_order_relaxed); };

  std::string out;
  out.reserve(8192);
  append_head(out, "jot_http_requests_total", "counter",
              "HTTP requests answered, by route and status.");
  for (std::size_t r = 0; r < kRouteCount; ++r) {
    for (std::size_t k = 0; k < kStatusCount; ++k) {
      const auto n = value(total.requests[r * kStatusCount + k]);
      if (n == 0) continue;
      const std::string status =
          kStatuses[k] == 0 ? std::string("other") : std::to_string(kStatuses[k]);
      append_line(out, "jot_http_requests_total",
                  label("route", kRouteLabels[r]) + "," + label("status", status), n);
    }
  }

  append_head(out, "jot_http_request_duration_seconds", "histogram",
              "Time from a request's head to its response written, by route.");
  for (std::size_t r = 0; r < kRouteCount; ++r) {
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < kBucketCount; ++b)
      cumulative += value(total.latency[r * kBucketCount + b]);
    if (cumulative == 0) continue;
    const std::string route = label("route", kRouteLabels[r]);
    cumulative = 0;
    for (std::size_t b = 0; b < kBucketCount; ++b) {
      cumulative += value(total.latency[r * kBucketCount + b]);
      char le[32];
      if (b < kLatencyBounds.size()) {
        std::snprintf(le, sizeof le, "%g", kLatencyBounds[b]);
      } else {
        std::snprintf(le, sizeof le, "+Inf");
      }
      append_line(out, "jot_http_request_duration_seconds_bucket", route + "," + label("le", le),
                  cumulative);
    }
    char sum[64];
    std::snprintf(sum, sizeof sum, "%.9f",
                  static_cast<double>(value(total.latency_sum_ns[r])) / 1e9);
    out += "jot_http_request_duration_seconds_sum{" + route + "} " + sum + "\n";
    append_line(out, "jot_http_request_duration_seconds_count", route, cumulative);
  }

  append_head(
      out, "jot_logins_total", "counter",
      "POST /login answers by outcome (rate_limited and overloaded: refused before hashing).");
  const std::size_t login = static_cast<std::size_t>(Route::kLogin) * kStatusCount;
  const auto logins = [&](unsigned status) {
    return value(total.requests[login + status_index(status)]);
  };
  std::uint64_t login_all = 0;
  for (std::size_t k = 0; k < kStatusCount; ++k) login_all += value(total.requests[login + k]);
  const std::uint64_t ok = logins(200), bad = logins(401), invalid = logins(400) + logins(413),
                      limited = logins(429), overloaded = logins(503);
  append_line(out, "jot_logins_total", label("outcome", "ok"), ok);
  append_line(out, "jot_logins_total", label("outcome", "invalid_credentials"), bad);
  append_line(out, "jot_logins_total", label("outcome", "invalid_request"), invalid);
  append_line(out, "jot_logins_total", label("outcome", "rate_limited"), limited);
  append_line(out, "jot_logins_total", label("outcome", "overloaded"), overloaded);
  append_line(out, "jot_logins_total", label("outcome", "error"),
              login_all - ok - bad - invalid - limited - overloaded);

  append_head(out, "jot_auth_failures_total", "counter",
              "Refused tokens and Authorization headers, by reason (jot's error code).");
  for (std::size_t i = 0; i < kAuthFailureCount; ++i) {
    const auto n = value(total.auth_failures[i]);
    if (n != 0)
      append_line(out, "jot_auth_failures_total", label("reason", auth_failure_label(i)), n);
  }

  append_head(out, "jot_refusals_total", "counter",
              "Requests and connections refused by a limiter, by limiter.");
  constexpr std::array<std::string_view, kRefusalCount> kRefusals = {
      "login_rate", "login_concurrency", "connections"};
  for (std::size_t i = 0; i < kRefusalCount; ++i) {
    append_line(out, "jot_refusals_total", label("limiter", kRefusals[i]),
                value(total.refusals[i]));
  }

  append_head(out, "jot_store_errors_total", "counter", "Failed calls to a store, by store.");
  append_line(out, "jot_store_errors_total", label("store", "users"), value(total.store_errors[0]));
  append_line(out, "jot_store_errors_total", label("store", "revocations"),
              value(total.store_errors[1]));

  append_head(out, "jot_tls_handshake_failures_total", "counter",
              "TLS handshakes that failed or timed out.");
  append_line(out, "jot_tls_handshake_failures_total", "", value(total.tls_handshake_failures));

  append_head(out, "jot_forwarded_for_total", "counter",
              "Requests by what X-Forwarded-For said (--trusted-proxy), by outcome.");
  constexpr std::array<std::string_view, kForwardedForCount> kForwarded = {
      "used", "none", "all_trusted", "malformed", "ignored"};
  for (std::size_t i = 0; i < kForwardedForCount; ++i) {
    append_line(out, "jot_forwarded_for_total", label("outcome", kForwarded[i]),
                value(total.forwarded_for[i]));
  }

  append_head(out, "jot_open_connections", "gauge", "Client connections now open.");
  const auto open = open_connections_.load(std::memory_order_relaxed);
  append_line(out, "jot_open_connections", "", static_cast<std::uint64_t>(open < 0 ? 0 : open));

  append_head(out, "jot_revoked_tokens", "gauge", "Unexpired revoked tokens (the revocation set).");
  append_line(out, "jot_revoked_tokens", "", revoked_tokens_ ? revoked_tokens_() : 0);
  return out;
}

}  // namespace jot::server
