#pragma once

// The TLS side of `jot serve --tls-cert FILE --tls-key FILE`: an OpenSSL 3 server context
// through Boost.Asio's ssl::context, configured once here:
// - TLS 1.2 and 1.3 only; for 1.2, ECDHE key exchange with AEAD ciphers only (AES-GCM,
//   ChaCha20-Poly1305), the server's order; TLS 1.3's suites are all AEAD.
// - No compression, no renegotiation, no client certificates.
// - The certificate file is PEM and may hold the chain after the leaf (leaf first); the key
//   is a PEM private key that must match the leaf.
// Reloading (SIGHUP) builds a fresh context; connections keep the one they started with.

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

#include "jot/error.hpp"

namespace jot::server {

using TlsContext = boost::asio::ssl::context;

// The context for `cert_file` and `key_file`, or kInvalidOption with OpenSSL's reason.
Result<std::shared_ptr<TlsContext>> load_tls_context(const std::string& cert_file,
                                                     const std::string& key_file);

// "CN=…, expires YYYY-MM-DD" of a context's leaf certificate, for the log.
std::string describe_certificate(TlsContext& context);

}  // namespace jot::server
