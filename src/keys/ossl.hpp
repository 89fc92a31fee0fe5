#pragma once

// Ownership of OpenSSL handles: every handle lives in a unique_ptr with its free function.
// This header, and the keys layer, are the only places that include OpenSSL.

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/decoder.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
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
// BIGNUMs that may hold private values are cleared before being freed.
using SecretBnPtr = std::unique_ptr<BIGNUM, OsslDeleter<BN_clear_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, OsslDeleter<BN_CTX_free>>;
using DecoderCtxPtr = std::unique_ptr<OSSL_DECODER_CTX, OsslDeleter<OSSL_DECODER_CTX_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, OsslDeleter<OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, OsslDeleter<OSSL_PARAM_free>>;
using X509SigPtr = std::unique_ptr<X509_SIG, OsslDeleter<X509_SIG_free>>;

// The text of OpenSSL's most recent error (and clears the queue), for error messages.
std::string ossl_error_text();

// Discards whatever OpenSSL left in its error queue (after an expected failure, e.g. when
// trying one DER structure after another), so it never leaks into a later message.
void ossl_clear_errors() noexcept;

}  // namespace jot::detail
