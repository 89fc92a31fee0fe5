#include "cmd/store_target.hpp"

#include <fstream>
#include <sstream>

namespace jot::server {

Result<std::unique_ptr<Store>> open_target(const StoreTarget& target, const StoreOptions& base,
                                           bool migrate) {
  StoreOptions options = base;
  if (!target.password_file.empty()) {
    std::ifstream in(target.password_file, std::ios::binary);
    if (!in) {
      return Error(Errc::kInvalidOption, "cannot read --db-password-file " + target.password_file);
    }
    std::ostringstream text;
    text << in.rdbuf();
    options.password = text.str();
    // One line: the trailing newline an editor or `echo` leaves is not part of it.
    while (!options.password.empty() &&
           (options.password.back() == '\n' || options.password.back() == '\r')) {
      options.password.pop_back();
    }
  }
  auto store = open_store(target.db, options);
  if (!store) return store.error();
  if (migrate) {
    if (auto migrated = (*store)->migrate(); !migrated) return migrated.error();
  }
  return store;
}

}  // namespace jot::server
