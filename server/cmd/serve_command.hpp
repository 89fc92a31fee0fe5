#pragma once

// `jot serve` and `jot user add`, once their options are parsed. Both return the process
// exit code and report errors on stderr as "jot serve: <message>". Exit codes follow the jot
// binary's: 0 done; 1 refused (the user already exists); 2 usage, key or I/O error (which
// includes every failure of `serve` to start).

#include <string>

#include "cmd/serve_options.hpp"

namespace jot::server {

int run_serve(const ServeOptions& options);
int run_user_add(const std::string& username, const std::string& db_path);

}  // namespace jot::server
