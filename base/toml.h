// TomlValue: a parsed TOML document with the line and column of every value.
//
// The one place toml++ is included (base/toml.cc), so that config (app/) and
// rule files (rules/) share one parser and report "file:line:col: message".
// Values are plain data: copyable, immutable once returned, thread-compatible.
#ifndef ECWATCH_BASE_TOML_H_
#define ECWATCH_BASE_TOML_H_

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace ecwatch {

struct TomlEntry;

struct TomlValue {
  enum class Type { kString, kInteger, kFloat, kBool, kDateTime, kArray, kTable };
  Type type = Type::kTable;
  int line = 0;      // 1-based position in the source; 0 when unknown
  int column = 0;
  std::string str;   // kString; kDateTime in its TOML spelling
  int64_t integer = 0;
  double real = 0;
  bool boolean = false;
  std::vector<TomlValue> array;                          // kArray
  std::vector<TomlEntry> table;                          // kTable, in source order

  bool is_string() const { return type == Type::kString; }
  bool is_table() const { return type == Type::kTable; }
  bool is_array() const { return type == Type::kArray; }
  // The value of key in a table, nullptr when absent or when this is no table.
  const TomlValue* Find(std::string_view key) const;
  // "string", "integer", "array", ... for messages.
  const char* TypeName() const;
};

// One key of a table. Structured bindings work: `for (auto& [key, value] : t.table)`.
struct TomlEntry {
  TomlEntry(std::string k, TomlValue v) : key(std::move(k)), value(std::move(v)) {}
  std::string key;
  TomlValue value;
};

// Parses text; source_name is used in error messages, which read
// "source_name:line:col: description" (InvalidArgument). Input larger than
// max_bytes is refused (TooLarge).
Result<TomlValue> ParseToml(std::string_view source_name, std::string_view text,
                            std::size_t max_bytes);

// "source_name:line:col: " prefix for a message about value v.
std::string TomlWhere(std::string_view source_name, const TomlValue& v);

// InvalidArgument "source_name:line:col: unknown key 'k' in WHERE" for the
// first key of table not in allowed ("WHERE must be a table" when it is none).
Status TomlCheckKeys(std::string_view source_name, const TomlValue& table,
                     const std::string& where, const std::set<std::string>& allowed);

// Sets *out to table's string at key; absent: *out unchanged, Ok;
// not a string: InvalidArgument naming the key and where it is.
Status TomlGetString(std::string_view source_name, const TomlValue& table, const char* key,
                     std::string* out);

}  // namespace ecwatch

#endif  // ECWATCH_BASE_TOML_H_
