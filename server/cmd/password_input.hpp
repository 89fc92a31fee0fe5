#pragma once

// Reading a new password for `jot user add`: from stdin when it is not a terminal (scripts:
// `echo secret | jot user add alice`), else prompted twice on the terminal without echo.

#include <string>

#include "jot/error.hpp"

namespace jot::server {

Result<std::string> read_new_password();

}  // namespace jot::server
