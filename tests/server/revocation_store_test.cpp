// RevocationStore on a real SQLite file in a temporary directory.

#include "store/revocation_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "process.hpp"

namespace jot::server {
namespace {

using test::TempDir;

std::int64_t now() {
  return static_cast<std::int64_t>(std::time(nullptr));
}

std::unique_ptr<RevocationStore> open_store(const std::string& path, RevocationLimits limits = {}) {
  auto store = RevocationStore::open(path, limits);
  EXPECT_TRUE(store) << store.error().message();
  return store ? std::move(*store) : nullptr;
}

// Rows in the table, counted by a connection of its own.
int rows(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  int count = -1;
  if (sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM revoked_tokens", -1, &stmt, nullptr) ==
          SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    count = sqlite3_column_int(stmt, 0);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return count;
}

TEST(RevocationStore, RevokesOnceAndReportsRevoked) {
  TempDir dir;
  auto store = open_store(dir.file("r.db"));
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

TEST(RevocationStore, PersistsAcrossReopen) {
  TempDir dir;
  {
    auto store = open_store(dir.file("r.db"));
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->revoke("kept", now() + 600));
  }
  auto reopened = open_store(dir.file("r.db"));
  ASSERT_TRUE(reopened);
  EXPECT_TRUE(reopened->is_revoked("kept"));
  EXPECT_EQ(reopened->size(), 1u);
}

// Shares the file with the users table without touching it.
TEST(RevocationStore, LivesBesideOtherTables) {
  TempDir dir;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.file("r.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('u')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = open_store(dir.file("r.db"));
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->revoke("x", now() + 60));
  ASSERT_EQ(sqlite3_open(dir.file("r.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM users", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 1);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST(RevocationStore, PrunesExpiredEntriesWhenRevokingAndOnOpen) {
  TempDir dir;
  const std::string path = dir.file("r.db");
  {
    auto store = open_store(path);
    ASSERT_TRUE(store);
    // A clock of our own: t = 1000.
    ASSERT_TRUE(store->revoke("soon", 1010, 1000));
    ASSERT_TRUE(store->revoke("later", 1100, 1000));
    EXPECT_EQ(store->size(), 2u);
    // At t = 1050 "soon" has expired: the next revoke removes it, from memory and file.
    ASSERT_TRUE(store->revoke("third", 1200, 1050));
    EXPECT_FALSE(store->is_revoked("soon"));
    EXPECT_TRUE(store->is_revoked("later"));
    EXPECT_EQ(store->size(), 2u);
    EXPECT_EQ(rows(path), 2);
    // An already expired token needs no entry.
    auto dead = store->revoke("dead", 1040, 1050);
    ASSERT_TRUE(dead);
    EXPECT_TRUE(*dead);
    EXPECT_EQ(store->size(), 2u);
    ASSERT_TRUE(store->revoke("live", now() + 600));
  }
  // By the real clock, every t ≈ 1000 entry is long expired: opening prunes them.
  auto reopened = open_store(path);
  ASSERT_TRUE(reopened);
  EXPECT_EQ(reopened->size(), 1u);
  EXPECT_TRUE(reopened->is_revoked("live"));
  EXPECT_FALSE(reopened->is_revoked("later"));
  EXPECT_EQ(rows(path), 1);
  EXPECT_FALSE(reopened->empty());
  // An hour later (by its own clock) everything has expired: pruned, and the lock-free fast
  // path is back.
  ASSERT_TRUE(reopened->revoke("z", now() + 3000, now() + 3600));
  EXPECT_TRUE(reopened->empty());
  EXPECT_FALSE(reopened->is_revoked("live"));
  EXPECT_EQ(rows(path), 0);
}

TEST(RevocationStore, RefusesBeyondItsBoundAndNeverEvicts) {
  TempDir dir;
  RevocationLimits limits;
  limits.max_entries = 3;
  auto store = open_store(dir.file("r.db"), limits);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->revoke("a", 1100, 1000));
  ASSERT_TRUE(store->revoke("b", 1200, 1000));
  ASSERT_TRUE(store->revoke("c", 1300, 1000));
  auto full = store->revoke("d", 1300, 1000);
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code(), Errc::kLimitExceeded);
  EXPECT_EQ(full.error().message(), "too many revoked tokens");
  EXPECT_FALSE(store->is_revoked("d"));
  for (const char* jti : {"a", "b", "c"}) EXPECT_TRUE(store->is_revoked(jti)) << jti;
  // Revoking one already revoked is no new entry: fine when full.
  auto again = store->revoke("a", 1100, 1000);
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
  // Once "a" expired there is room again.
  ASSERT_TRUE(store->revoke("d", 1300, 1150));
  EXPECT_TRUE(store->is_revoked("d"));
  EXPECT_FALSE(store->is_revoked("a"));
  EXPECT_EQ(rows(dir.file("r.db")), 3);
}

// Several threads revoke and check at once (run under ASan/UBSan in CI).
TEST(RevocationStore, ConcurrentRevokesAndChecks) {
  TempDir dir;
  RevocationLimits limits;
  limits.poll_interval = std::chrono::milliseconds(0);  // the poll path runs on every check
  auto store = open_store(dir.file("r.db"), limits);
  ASSERT_TRUE(store);
  constexpr int kThreads = 4;
  constexpr int kEach = 50;
  const std::int64_t exp = now() + 600;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string jti = "t" + std::to_string(t) + "-" + std::to_string(i);
        auto revoked = store->revoke(jti, exp);
        if (!revoked || !*revoked || !store->is_revoked(jti)) ++failures;
        // Another thread's entries, revoked or not yet: only must not crash or race.
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

// Two stores on one file stand for two `jot serve` processes.
TEST(RevocationStore, SeesRevocationsOfAnotherConnectionAfterItsPoll) {
  TempDir dir;
  const std::string path = dir.file("r.db");
  RevocationLimits eager;
  eager.poll_interval = std::chrono::milliseconds(0);
  RevocationLimits lazy;
  lazy.poll_interval = std::chrono::hours(1);
  auto a = open_store(path);
  auto b = open_store(path, eager);
  auto c = open_store(path, lazy);
  ASSERT_TRUE(a && b && c);
  EXPECT_FALSE(b->is_revoked("x"));
  EXPECT_FALSE(c->is_revoked("x"));  // c polled once now; the next poll is in an hour
  ASSERT_TRUE(a->revoke("x", now() + 600));
  EXPECT_TRUE(b->is_revoked("x"));
  EXPECT_EQ(b->size(), 1u);
  EXPECT_FALSE(c->is_revoked("x"));  // not before its next poll: the documented delay
  // Revoking what another process already revoked: stored once, reported as not new.
  auto again = c->revoke("x", now() + 600);
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
  EXPECT_TRUE(c->is_revoked("x"));
  EXPECT_EQ(rows(path), 1);
}

TEST(RevocationStore, ReportsAnUnopenableDatabase) {
  auto store = RevocationStore::open("/nonexistent-dir/x/r.db");
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message().find("cannot open"), std::string_view::npos);
}

}  // namespace
}  // namespace jot::server
