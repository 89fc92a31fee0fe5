#pragma once

// What `--db` and `--db-password-file` name, shared by `jot serve`, `jot user …` and
// `jot db migrate`: the store options they imply and the store, opened and migrated.

#include <memory>
#include <string>

#include "jot/error.hpp"
#include "store/store.hpp"

namespace jot::server {

struct StoreTarget {
  std::string db;             // SQLite path or postgresql:// URI
  std::string password_file;  // empty: none
};

// Opens the store, reading the password file if one is named. With `migrate`, applies the
// pending migrations (what `jot serve` does at start); the CLI's user commands migrate too,
// so `jot user add` on a fresh database works.
Result<std::unique_ptr<Store>> open_target(const StoreTarget& target, const StoreOptions& base,
                                           bool migrate);

}  // namespace jot::server
