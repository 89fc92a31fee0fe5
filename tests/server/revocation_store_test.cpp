// RevocationStore (the in-memory set and its change feed) on a real SQLite file in a
// temporary directory; two SqliteStores on one file stand for two `jot serve` processes.

#include "store/revocation_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "process.hpp"
#include "store/sqlite_store.hpp"

namespace jot::server {
namespace {

using test::TempDir;

std::int64_t now() {
  return static_cast<std::int64_t>(std::time(nullptr));
}

std::shared_ptr<Store> open_db(const std::string& path) {
  auto store = SqliteStore::open(path);
  EXPECT_TRUE(store) << store.error().message();
  if (!store) return nullptr;
  auto migrated = (*store)->migrate();
  EXPECT_TRUE(migrated) << migrated.error().message();
  return std::shared_ptr<Store>(std::move(*store));
}

std::unique_ptr<RevocationStore> open_set(const std::string& path, RevocationLimits limits = {}) {
  auto db = open_db(path);
  if (!db) return nullptr;
  auto set = RevocationStore::open(db, limits);
  EXPECT_TRUE(set) << set.error().message();
  return set ? std::move(*set) : nullptr;
}

// Runs `sql` on a connection of its own; returns the first column of the first row.
std::int64_t sql(const std::string& path, const std::string& statement) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* stmt = nullptr;
  std::int64_t value = -1;
  EXPECT_EQ(sqlite3_prepare_v2(db, statement.c_str(), -1, &stmt, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  const int rc = sqlite3_step(stmt);
  EXPECT_TRUE(rc == SQLITE_ROW || rc == SQLITE_DONE) << sqlite3_errmsg(db);
  if (rc == SQLITE_ROW) value = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

int rows(const std::string& path) {
  return static_cast<int>(sql(path, "SELECT COUNT(*) FROM revocations"));
}

TEST(RevocationStore, RevokesOnceAndReportsRevoked) {
  TempDir dir;
  auto store = open_set(dir.file("r.db"));
  ASSERT_TRUE(store);
  EXPECT_EQ(store->size(), 0u);
  EXPECT_TRUE(store->empty());
  EXPECT_FALSE(store->is_revoked("a"));
  auto first = store->revoke("a", now() + 60);
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_TRUE(*first);
  auto second = store->revoke("a", now() + 60);
  ASSERT_TRUE(second);
  EXPECT_FALSE(*second);  // already revoked
  EXPECT_FALSE(store->empty());
  EXPECT_TRUE(store->is_revoked("a"));
  EXPECT_FALSE(store->is_revoked("b"));
  EXPECT_FALSE(store->is_revoked(""));
  EXPECT_EQ(store->size(), 1u);
  EXPECT_EQ(rows(dir.file("r.db")), 1);
  EXPECT_FALSE(store->revoke("", now() + 60));
}

TEST(RevocationStore, PersistsAcrossReopenBesideTheUsers) {
  TempDir dir;
  {
    auto db = open_db(dir.file("r.db"));
    ASSERT_TRUE(db->add_user("u", "$argon2id$x"));
    auto store = RevocationStore::open(db);
    ASSERT_TRUE(store);
    ASSERT_TRUE((*store)->revoke("kept", now() + 600, "u", "203.0.113.7"));
  }
  auto reopened = open_set(dir.file("r.db"));
  ASSERT_TRUE(reopened);
  EXPECT_TRUE(reopened->is_revoked("kept"));
  EXPECT_EQ(reopened->size(), 1u);
  EXPECT_EQ(sql(dir.file("r.db"), "SELECT COUNT(*) FROM users"), 1);
}

TEST(RevocationStore, PrunesExpiredEntriesInMemoryAndInTheDatabase) {
  TempDir dir;
  const std::string path = dir.file("r.db");
  auto db = open_db(path);
  auto opened = RevocationStore::open(db);
  ASSERT_TRUE(opened);
  auto& store = *opened;
  // A clock of our own: t = 1000.
  ASSERT_TRUE(store->revoke("soon", 1010, "u", "c", 1000));
  ASSERT_TRUE(store->revoke("later", 1100, "u", "c", 1000));
  // An already expired token needs no entry.
  auto dead = store->revoke("dead", 1040, "u", "c", 1050);
  ASSERT_TRUE(dead);
  EXPECT_TRUE(*dead);
  EXPECT_EQ(store->size(), 2u);
  EXPECT_EQ(store->prune_expired(1050), 1u);
  EXPECT_FALSE(store->is_revoked("soon"));
  EXPECT_TRUE(store->is_revoked("later"));
  ASSERT_TRUE(db->prune(1050));
  EXPECT_EQ(rows(path), 1);
  // Everything expired: the lock-free fast path is back.
  EXPECT_EQ(store->prune_expired(now()), 1u);
  EXPECT_TRUE(store->empty());
  // By the real clock every t ≈ 1000 row is long expired: a reopened set never loads it.
  ASSERT_TRUE(store->revoke("live", now() + 600, "u", "c"));
  auto reopened = open_set(path);
  ASSERT_TRUE(reopened);
  EXPECT_EQ(reopened->size(), 1u);
  EXPECT_TRUE(reopened->is_revoked("live"));
  EXPECT_FALSE(reopened->is_revoked("later"));
}

TEST(RevocationStore, RefusesBeyondItsBoundAndNeverEvicts) {
  TempDir dir;
  RevocationLimits limits;
  limits.max_entries = 3;
  auto store = open_set(dir.file("r.db"), limits);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->revoke("a", 1100, "u1", "c1", 1000));
  ASSERT_TRUE(store->revoke("b", 1200, "u2", "c2", 1000));
  ASSERT_TRUE(store->revoke("c", 1300, "u3", "c3", 1000));
  auto full = store->revoke("d", 1300, "u4", "c4", 1000);
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code(), Errc::kLimitExceeded);
  EXPECT_EQ(full.error().message(), "too many revoked tokens");
  EXPECT_FALSE(store->is_revoked("d"));
  for (const char* jti : {"a", "b", "c"}) EXPECT_TRUE(store->is_revoked(jti)) << jti;
  // Revoking one already revoked is no new entry: fine when full.
  auto again = store->revoke("a", 1100, "u1", "c1", 1000);
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
  // Once "a" expired there is room again.
  store->prune_expired(1150);
  ASSERT_TRUE(store->revoke("d", 1300, "u4", "c4", 1150));
  EXPECT_TRUE(store->is_revoked("d"));
  EXPECT_FALSE(store->is_revoked("a"));
}

// #12 item 6: one user, or one address, cannot take the whole table.
TEST(RevocationStore, EachUserAndEachAddressHasAShare) {
  TempDir dir;
  RevocationLimits limits;
  limits.max_entries = 100;
  limits.per_subject = 3;
  limits.per_client = 5;
  auto store = open_set(dir.file("r.db"), limits);
  ASSERT_TRUE(store);
  const std::int64_t exp = now() + 600;
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(store->revoke("m" + std::to_string(i), exp, "mallory", "a1"));
  auto user_full = store->revoke("m3", exp, "mallory", "a2");
  ASSERT_FALSE(user_full);
  EXPECT_EQ(user_full.error().code(), Errc::kLimitExceeded);
  EXPECT_EQ(user_full.error().message(), "too many revoked tokens for this user");
  // Other users from the same address: up to the address's share.
  ASSERT_TRUE(store->revoke("x1", exp, "u1", "a1"));
  ASSERT_TRUE(store->revoke("x2", exp, "u2", "a1"));
  auto address_full = store->revoke("x3", exp, "u3", "a1");
  ASSERT_FALSE(address_full);
  EXPECT_EQ(address_full.error().message(), "too many revoked tokens from this address");
  // Everyone else is unaffected.
  ASSERT_TRUE(store->revoke("alice-1", exp, "alice", "a9"));
  EXPECT_TRUE(store->is_revoked("alice-1"));
  // The shares are rebuilt from the table: a restart does not reset them.
  auto reopened = open_set(dir.file("r.db"), limits);
  ASSERT_TRUE(reopened);
  EXPECT_FALSE(reopened->revoke("m4", exp, "mallory", "a3"));
  EXPECT_FALSE(reopened->revoke("x4", exp, "u4", "a1"));
}

// Several threads revoke and check at once while the feed thread runs (ASan/UBSan in CI).
TEST(RevocationStore, ConcurrentRevokesAndChecks) {
  TempDir dir;
  auto store = open_set(dir.file("r.db"));
  ASSERT_TRUE(store);
  store->start();
  constexpr int kThreads = 4;
  constexpr int kEach = 50;
  const std::int64_t exp = now() + 600;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string jti = "t" + std::to_string(t) + "-" + std::to_string(i);
        auto revoked = store->revoke(jti, exp, "u" + std::to_string(i), "c" + std::to_string(t));
        if (!revoked || !*revoked || !store->is_revoked(jti)) ++failures;
        (void)store->is_revoked("t" + std::to_string((t + 1) % kThreads) + "-" + std::to_string(i));
        if (store->is_revoked("never-" + std::to_string(i))) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(store->size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(rows(dir.file("r.db")), kThreads * kEach);
}

TEST(RevocationStore, SeesRevocationsOfAnotherProcessThroughItsFeed) {
  TempDir dir;
  const std::string path = dir.file("r.db");
  auto a = open_set(path);
  auto b = open_set(path);
  ASSERT_TRUE(a && b);
  b->start();
  ASSERT_TRUE(a->revoke("x", now() + 600, "u", "c"));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!b->is_revoked("x") && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_TRUE(b->is_revoked("x"));
  EXPECT_EQ(b->size(), 1u);
  // Revoking what another process already revoked: stored once, reported as not new.
  auto again = b->revoke("x", now() + 600, "u", "c");
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
  EXPECT_EQ(rows(path), 1);
}

// #12 item 5: a change is read as the rows after the last seq seen, never the whole table.
TEST(RevocationStore, ReadsOnlyWhatChanged) {
  TempDir dir;
  const std::string path = dir.file("r.db");
  auto a = open_set(path);
  ASSERT_TRUE(a);
  const std::int64_t exp = now() + 600;
  sql(path,
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
      "INSERT INTO revocations (jti, exp, subject, client) "
      "SELECT 'bulk-' || i, " +
          std::to_string(exp) + ", 'u' || (i % 500), 'c' || (i % 50) FROM n");
  auto first = a->catch_up();
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_EQ(*first, 20000u);
  EXPECT_EQ(a->size(), 20000u);
  auto b = open_set(path);
  ASSERT_TRUE(b->revoke("one-more", exp, "u", "c"));
  auto second = a->catch_up();
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, 1u);  // not 20,001
  EXPECT_TRUE(a->is_revoked("one-more"));
  auto none = a->catch_up();
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, 0u);
}

// A full rebuild keeps what this instance revoked after the rebuild's snapshot was read.
TEST(RevocationStore, ResyncRebuildsTheSetAndKeepsNewerEntries) {
  TempDir dir;
  const std::string path = dir.file("r.db");
  auto a = open_set(path);
  ASSERT_TRUE(a);
  ASSERT_TRUE(a->revoke("one", now() + 600, "u", "c"));
  sql(path, "DELETE FROM revocations WHERE jti = 'one'");  // as if pruned by another process
  ASSERT_TRUE(a->revoke("two", now() + 600, "u", "c"));
  ASSERT_TRUE(a->resync());
  EXPECT_FALSE(a->is_revoked("one"));
  EXPECT_TRUE(a->is_revoked("two"));
  EXPECT_EQ(a->size(), 1u);
}

TEST(SqliteStore, UpgradesTheEarlierLayoutAndRefusesANewerSchema) {
  TempDir dir;
  const std::string path = dir.file("old.db");
  const std::int64_t exp = now() + 600;
  // The tables as releases before migrations made them.
  sql(path, "CREATE TABLE revoked_tokens (jti TEXT PRIMARY KEY NOT NULL, exp INTEGER NOT NULL)");
  sql(path, "INSERT INTO revoked_tokens VALUES ('old', " + std::to_string(exp) + ")");
  auto set = open_set(path);
  ASSERT_TRUE(set);
  EXPECT_TRUE(set->is_revoked("old"));
  EXPECT_EQ(sql(path, "PRAGMA user_version"), SqliteStore::kSchemaVersion);
  sql(path, "PRAGMA user_version = 99");
  auto store = SqliteStore::open(path);
  ASSERT_TRUE(store);
  auto refused = (*store)->migrate();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Errc::kUnsupported);
  EXPECT_NE(refused.error().message().find("schema version 99, newer"), std::string_view::npos)
      << refused.error().message();
}

TEST(SqliteStore, ReportsAnUnopenableDatabase) {
  auto store = SqliteStore::open("/nonexistent-dir/x/r.db");
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message().find("cannot open"), std::string_view::npos);
}

}  // namespace
}  // namespace jot::server
