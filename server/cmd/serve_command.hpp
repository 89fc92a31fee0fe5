#pragma once

// `jot serve`, `jot user add|del|list` and `jot db migrate`, once their options are parsed. Both
// return the process exit code and report errors on stderr as "jot serve: <message>". Exit codes
// follow the jot binary's: 0 done; 1 refused (the user already exists, or does not); 2 usage, key,
// I/O or database error (which includes every failure of `serve` to start, an unreachable database
// among them).

#include <string>

#include "cmd/serve_options.hpp"
#include "cmd/store_target.hpp"

namespace jot::server {

int run_serve(const ServeOptions& options);
int run_user_add(const std::string& username, const StoreTarget& target);
int run_user_del(const std::string& username, const StoreTarget& target);
int run_user_list(const StoreTarget& target);
int run_db_migrate(const StoreTarget& target);

}  // namespace jot::server
