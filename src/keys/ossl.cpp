// Translation of OpenSSL's thread-local error queue into text for jot's error messages.

#include "keys/ossl.hpp"

#include <openssl/err.h>

#include <string>

namespace jot::detail {

std::string ossl_error_text() {
  // The queue holds the whole chain (e.g. "wrong tag" under "nested asn1 error" under
  // "unsupported"); every distinct entry is kept because the deepest one is usually the
  // most telling, and the outermost says which step failed.
  std::string text;
  const char* data = nullptr;
  int flags = 0;
  unsigned long code = 0;
  int count = 0;
  while ((code = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) != 0) {
    if (++count > 4) continue;  // drain the rest, keep messages short
    std::string entry;
    const char* lib = ERR_lib_error_string(code);
    const char* reason = ERR_reason_error_string(code);
    if (lib != nullptr) entry.append(lib).append(": ");
    if (reason != nullptr) {
      entry.append(reason);
    } else {
      entry.append("error ").append(std::to_string(ERR_GET_REASON(code)));
    }
    if ((flags & ERR_TXT_STRING) != 0 && data != nullptr && *data != '\0') {
      entry.append(" (").append(data).append(")");
    }
    if (text.find(entry) != std::string::npos) continue;
    if (!text.empty()) text.append("; ");
    text.append(entry);
  }
  if (text.empty()) text = "no details from OpenSSL";
  return text;
}

void ossl_clear_errors() noexcept {
  ERR_clear_error();
}

}  // namespace jot::detail
