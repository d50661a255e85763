// Helpers shared by the store tests: open a Store or fail the test, count rows.
#ifndef ECWATCH_TESTS_STORE_STORE_TEST_UTIL_H_
#define ECWATCH_TESTS_STORE_STORE_TEST_UTIL_H_

#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "store/store.h"

namespace ecwatch::testing {

inline std::unique_ptr<Store> OpenOrDie(const std::string& path) {
  Result<std::unique_ptr<Store>> store = Store::Open(path);
  INFO(store.status().ToString());
  REQUIRE(store.ok());
  return std::move(store).value();
}

inline int64_t Count(Store& store, const std::string& table) {
  Result<int64_t> n = store.CountRows(table);
  REQUIRE(n.ok());
  return n.value();
}

}  // namespace ecwatch::testing

#endif  // ECWATCH_TESTS_STORE_STORE_TEST_UTIL_H_
