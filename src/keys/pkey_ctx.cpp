#include "keys/pkey_ctx.hpp"

#include <cstdint>

#include "keys/ctx_cache.hpp"
#include "keys/digests.hpp"
#include "keys/ossl.hpp"

namespace jot::detail {
namespace {

// One hashing context per thread, re-initialised per token instead of allocated.
thread_local const MdCtxPtr t_md_ctx(EVP_MD_CTX_new());

thread_local CtxCache<EVP_PKEY_CTX, EVP_PKEY_CTX_free> t_pkey_cache;

std::uint32_t cache_tag(Algorithm alg, PkeyOp op) noexcept {
  return static_cast<std::uint32_t>(alg) * 2U + (op == PkeyOp::kSign ? 1U : 0U);
}

}  // namespace

std::size_t prehash(Algorithm alg, std::string_view input, unsigned char* out) noexcept {
  const EVP_MD* md = digest_for(alg);
  EVP_MD_CTX* ctx = t_md_ctx.get();
  if (md == nullptr || ctx == nullptr) return 0;
  unsigned int length = 0;
  if (EVP_DigestInit_ex2(ctx, md, nullptr) != 1 ||
      EVP_DigestUpdate(ctx, input.data(), input.size()) != 1 ||
      EVP_DigestFinal_ex(ctx, out, &length) != 1) {
    return 0;
  }
  return length;
}

EVP_PKEY_CTX* prepared_pkey_ctx(const KeyData& key, Algorithm alg, PkeyOp op,
                                PkeyConfigure configure) noexcept {
  const std::uint32_t tag = cache_tag(alg, op);
  if (EVP_PKEY_CTX* cached = t_pkey_cache.find(key.id, tag)) return cached;

  const EVP_MD* md = digest_for(alg);
  if (md == nullptr || !key.pkey) return nullptr;
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.pkey.get(), nullptr));
  if (!ctx) return nullptr;
  const int init =
      op == PkeyOp::kSign ? EVP_PKEY_sign_init(ctx.get()) : EVP_PKEY_verify_init(ctx.get());
  if (init != 1) return nullptr;
  if (!configure(ctx.get(), alg, md)) return nullptr;

  EVP_PKEY_CTX* raw = ctx.release();
  t_pkey_cache.insert(key.id, tag, raw);
  return raw;
}

void drop_pkey_ctx(const KeyData& key, Algorithm alg, PkeyOp op) noexcept {
  t_pkey_cache.erase(key.id, cache_tag(alg, op));
}

}  // namespace jot::detail
