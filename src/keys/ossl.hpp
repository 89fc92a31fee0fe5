#pragma once

// Ownership of OpenSSL handles: every handle lives in a unique_ptr with its free function.
// This header, and the keys layer, are the only places that include OpenSSL.

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

namespace jot::detail {

template <auto Free>
struct OsslDeleter {
  template <typename T>
  void operator()(T* p) const noexcept {
    Free(p);
  }
};

using PkeyPtr = std::unique_ptr<EVP_PKEY, OsslDeleter<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OsslDeleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OsslDeleter<EVP_MD_CTX_free>>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, OsslDeleter<EVP_MAC_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, OsslDeleter<BIO_free>>;
using BnPtr = std::unique_ptr<BIGNUM, OsslDeleter<BN_free>>;
using X509Ptr = std::unique_ptr<X509, OsslDeleter<X509_free>>;

// The text of OpenSSL's most recent error (and clears the queue), for error messages.
std::string ossl_error_text();

}  // namespace jot::detail
