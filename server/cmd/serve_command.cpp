#include "cmd/serve_command.hpp"

#include <iostream>
#include <optional>
#include <thread>
#include <utility>

#include "auth/auth_service.hpp"
#include "auth/key_ring.hpp"
#include "auth/password_hasher.hpp"
#include "auth/router.hpp"
#include "auth/ttl.hpp"
#include "cmd/password_input.hpp"
#include "http/access_log.hpp"
#include "http/http_server.hpp"
#include "http/metrics.hpp"
#include "store/revocation_store.hpp"
#include "store/store.hpp"

namespace jot::server {

namespace {

// SIGHUP: the key files (or secret file) are read again and replace the keys in use, so that
// a key can be rotated without a restart: requests in flight finish with the old keys. A
// file that no longer loads leaves the current keys in place.
void reload_keys(const ServeOptions& options, AuthService& auth) {
  if (options.key_files.empty() && options.secret.empty() && options.secret_file.empty()) {
    write_log_line("jot serve: SIGHUP: the key is ephemeral, nothing to reload\n");
    return;
  }
  auto keys = KeyRing::load(options);
  if (!keys) {
    write_log_line("jot serve: SIGHUP: keys NOT reloaded, the current ones stay in use: " +
                   std::string(keys.error().message()) + "\n");
    return;
  }
  const std::string description = keys->description();
  auth.replace_keys(std::move(*keys));
  write_log_line("jot serve: SIGHUP: keys reloaded: " + description + "\n");
}

// "ADDR:PORT" or "[V6]:PORT" → address and port.
std::optional<std::pair<std::string, std::uint16_t>> parse_host_port(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return std::nullopt;
  std::string host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return std::nullopt;
    host = host.substr(1, host.size() - 2);
  }
  unsigned long port = 0;
  for (const char c : text.substr(colon + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    port = port * 10 + static_cast<unsigned long>(c - '0');
    if (port > 65535) return std::nullopt;
  }
  return std::pair{host, static_cast<std::uint16_t>(port)};
}

}  // namespace

int run_serve(const ServeOptions& options) {
  const auto ttl = parse_ttl_seconds(options.ttl);
  if (!ttl) {
    std::cerr << "jot serve: invalid --ttl '" << options.ttl
              << "' (a number of seconds or a timespan such as 15m, 1h)\n";
    return 2;
  }
  auto proxies = TrustedProxies::parse(options.trusted_proxies);
  auto cors = CorsPolicy::parse(options.cors_origins);
  for (const Error* e : {proxies ? nullptr : &proxies.error(), cors ? nullptr : &cors.error()}) {
    if (e != nullptr) {
      std::cerr << "jot serve: " << e->message() << '\n';
      return 2;
    }
  }
  auto keys = KeyRing::load(options);
  if (!keys) {
    std::cerr << "jot serve: " << keys.error().message() << '\n';
    return 2;
  }
  // Refuses to start when the database is unreachable or its schema is newer than ours.
  StoreOptions store_options;
  store_options.request_deadline = options.db_deadline;
  store_options.pool_size = options.db_pool;
  auto opened = open_target({options.db_path, options.db_password_file}, store_options, true);
  if (!opened) {
    std::cerr << "jot serve: " << opened.error().message() << '\n';
    return 2;
  }
  std::shared_ptr<Store> store(std::move(*opened));
  // Revoked tokens (POST /logout): every unexpired one in memory before the first request,
  // then kept current by a background thread.
  RevocationLimits limits;
  limits.max_entries = options.max_revocations;
  limits.per_subject = options.revocations_per_user;
  limits.per_client = options.revocations_per_address;
  auto revocations = RevocationStore::open(store, limits);
  if (!revocations) {
    std::cerr << "jot serve: " << revocations.error().message() << '\n';
    return 2;
  }
  (*revocations)->start();
  std::cerr << "jot serve: " << keys->description() << '\n'
            << "jot serve: users in " << store->description() << " (" << (*revocations)->size()
            << " revoked tokens), tokens valid " << *ttl << " s"
            << (options.issuer.empty() ? "" : ", iss " + options.issuer)
            << (options.audience.empty() ? "" : ", aud " + options.audience)
            << (store->shares_login_budget() ? ", login budget shared by all instances" : "")
            << '\n';

  std::optional<std::pair<std::string, std::uint16_t>> metrics_address;
  if (!options.metrics_bind.empty()) {
    metrics_address = parse_host_port(options.metrics_bind);
    if (!metrics_address || !options.metrics) {
      std::cerr << "jot serve: invalid --metrics-bind '" << options.metrics_bind
                << (options.metrics ? "' (ADDR:PORT or [IPv6]:PORT)\n"
                                    : "' (--no-metrics serves no metrics)\n");
      return 2;
    }
  }
  std::shared_ptr<RevocationStore> revoked(std::move(*revocations));
  Metrics metrics;
  metrics.set_revoked_tokens_source([revoked] { return revoked->size(); });

  AuthService auth(std::move(*keys), store, TokenPolicy{*ttl, options.issuer, options.audience},
                   revoked, options.login_per_minute);
  const Router router(auth, options.metrics ? &metrics : nullptr, !metrics_address);
  HttpServer server(options, router);
  server.trust_proxies(std::move(*proxies));
  server.allow_origins(std::move(*cors));
  server.on_reload([&options, &auth] { reload_keys(options, auth); });
  if (!options.tls_cert_file.empty()) {
    if (auto tls = server.use_tls(options.tls_cert_file, options.tls_key_file); !tls) {
      std::cerr << "jot serve: " << tls.error().message() << '\n';
      return 2;
    }
    std::cerr << "jot serve: TLS certificate " << server.tls_description() << '\n';
  }
  if (auto listening = server.listen(options.bind, options.port); !listening) {
    std::cerr << "jot serve: " << listening.error().message() << '\n';
    return 2;
  }
  if (metrics_address) {
    auto listening = server.listen_metrics(metrics_address->first, metrics_address->second);
    if (!listening) {
      std::cerr << "jot serve: --metrics-bind: " << listening.error().message() << '\n';
      return 2;
    }
    std::cout << "metrics on " << server.metrics_url() << "/metrics" << std::endl;
  }
  const unsigned threads =
      options.threads != 0 ? options.threads : std::max(2u, std::thread::hardware_concurrency());
  // Scripts wait for this line: print it only once the socket accepts connections.
  std::cout << "listening on " << server.url() << std::endl;
  server.run(threads);
  std::cerr << "jot serve: stopped\n";
  return 0;
}

namespace {

// The CLI waits longer for the database than a request may.
StoreOptions cli_store_options() {
  StoreOptions options;
  options.request_deadline = std::chrono::milliseconds(5000);
  options.pool_size = 1;
  return options;
}

// The store for a `user` or `db` subcommand (migrated when `migrate`), or null after saying
// why on stderr as "<command>: <message>".
std::unique_ptr<Store> open_for(const char* command, const StoreTarget& target, bool migrate) {
  auto store = open_target(target, cli_store_options(), migrate);
  if (!store) {
    std::cerr << command << ": " << store.error().message() << '\n';
    return nullptr;
  }
  return std::move(*store);
}

}  // namespace

int run_user_add(const std::string& username, const StoreTarget& target) {
  if (!is_valid_username(username)) {
    std::cerr << "jot user add: invalid user name (1 to 64 characters from A-Z a-z 0-9 . _ @ -)\n";
    return 2;
  }
  auto password = read_new_password();
  if (!password) {
    std::cerr << "jot user add: " << password.error().message() << '\n';
    return 2;
  }
  auto hash = PasswordHasher().hash(*password);
  if (!hash) {
    std::cerr << "jot user add: " << hash.error().message() << '\n';
    return 2;
  }
  auto store = open_for("jot user add", target, true);
  if (!store) return 2;
  if (auto added = store->add_user(username, *hash); !added) {
    std::cerr << "jot user add: " << added.error().message() << '\n';
    return added.error().code() == Errc::kInvalidOption ? 1 : 2;
  }
  std::cout << "user '" << username << "' added to " << store->description() << '\n';
  return 0;
}

int run_user_del(const std::string& username, const StoreTarget& target) {
  auto store = open_for("jot user del", target, true);
  if (!store) return 2;
  auto deleted = store->delete_user(username);
  if (!deleted) {
    std::cerr << "jot user del: " << deleted.error().message() << '\n';
    return 2;
  }
  if (!*deleted) {
    std::cerr << "jot user del: no user '" << username << "'\n";
    return 1;
  }
  std::cout << "user '" << username << "' deleted from " << store->description() << '\n';
  return 0;
}

int run_user_list(const StoreTarget& target) {
  auto store = open_for("jot user list", target, true);
  if (!store) return 2;
  auto names = store->list_users();
  if (!names) {
    std::cerr << "jot user list: " << names.error().message() << '\n';
    return 2;
  }
  for (const auto& name : *names) std::cout << name << '\n';
  return 0;
}

int run_db_migrate(const StoreTarget& target) {
  auto store = open_for("jot db migrate", target, false);
  if (!store) return 2;
  auto migrated = store->migrate();
  if (!migrated) {
    std::cerr << "jot db migrate: " << migrated.error().message() << '\n';
    return 2;
  }
  std::cout << store->description() << ": schema version " << migrated->first;
  if (migrated->first != migrated->second) std::cout << " -> " << migrated->second;
  std::cout << (migrated->first == migrated->second ? " (up to date)" : "") << '\n';
  return 0;
}

}  // namespace jot::server
