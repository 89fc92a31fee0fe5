#pragma once

// A self-signed TLS certificate made at test time (OpenSSL 3), so the HTTPS tests need no
// checked-in key material and no network.

#include <string>

namespace jot::test {

struct TlsIdentity {
  std::string certificate_pem;
  std::string private_key_pem;
};

// A P-256 key and a certificate for it, valid from an hour ago for a day, whose
// subjectAltName is `subject_alt_names` in OpenSSL's syntax, e.g. "DNS:localhost,IP:127.0.0.1".
TlsIdentity make_self_signed(const std::string& subject_alt_names);

// Writes `text` to a new file in the temporary folder; removed with the object.
class TempFile {
 public:
  explicit TempFile(const std::string& text);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

}  // namespace jot::test
