// ParseToml: converts a toml++ tree into TomlValue, keeping source positions.
#include "base/toml.h"

#include <sstream>

#include <toml++/toml.h>

namespace ecwatch {
namespace {

void SetPosition(const toml::source_region& src, TomlValue* out) {
  out->line = static_cast<int>(src.begin.line);
  out->column = static_cast<int>(src.begin.column);
}

TomlValue Convert(const toml::node& node);

TomlValue ConvertTable(const toml::table& table) {
  TomlValue out;
  out.type = TomlValue::Type::kTable;
  SetPosition(table.source(), &out);
  for (auto&& [key, value] : table) {
    TomlValue child = Convert(value);
    if (child.line == 0) SetPosition(key.source(), &child);
    out.table.emplace_back(std::string(key.str()), std::move(child));
  }
  return out;
}

template <typename T>
std::string Spell(const T& v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

TomlValue Convert(const toml::node& node) {
  if (const auto* t = node.as_table()) return ConvertTable(*t);
  TomlValue out;
  SetPosition(node.source(), &out);
  if (const auto* a = node.as_array()) {
    out.type = TomlValue::Type::kArray;
    for (const auto& element : *a) out.array.push_back(Convert(element));
  } else if (const auto* s = node.as_string()) {
    out.type = TomlValue::Type::kString;
    out.str = s->get();
  } else if (const auto* i = node.as_integer()) {
    out.type = TomlValue::Type::kInteger;
    out.integer = i->get();
  } else if (const auto* f = node.as_floating_point()) {
    out.type = TomlValue::Type::kFloat;
    out.real = f->get();
  } else if (const auto* b = node.as_boolean()) {
    out.type = TomlValue::Type::kBool;
    out.boolean = b->get();
  } else if (const auto* d = node.as_date()) {
    out.type = TomlValue::Type::kDateTime;
    out.str = Spell(d->get());
  } else if (const auto* tm = node.as_time()) {
    out.type = TomlValue::Type::kDateTime;
    out.str = Spell(tm->get());
  } else if (const auto* dt = node.as_date_time()) {
    out.type = TomlValue::Type::kDateTime;
    out.str = Spell(dt->get());
  }
  return out;
}

}  // namespace

const TomlValue* TomlValue::Find(std::string_view key) const {
  if (type != Type::kTable) return nullptr;
  for (const auto& [k, v] : table) {
    if (k == key) return &v;
  }
  return nullptr;
}

const char* TomlValue::TypeName() const {
  switch (type) {
    case Type::kString: return "string";
    case Type::kInteger: return "integer";
    case Type::kFloat: return "float";
    case Type::kBool: return "boolean";
    case Type::kDateTime: return "date-time";
    case Type::kArray: return "array";
    case Type::kTable: return "table";
  }
  return "value";
}

std::string TomlWhere(std::string_view source_name, const TomlValue& v) {
  return std::string(source_name) + ":" + std::to_string(v.line) + ":" +
         std::to_string(v.column) + ": ";
}

Status TomlCheckKeys(std::string_view source_name, const TomlValue& table,
                     const std::string& where, const std::set<std::string>& allowed) {
  if (!table.is_table()) {
    return Status::InvalidArgument(TomlWhere(source_name, table) + where + " must be a table");
  }
  for (const auto& [key, value] : table.table) {
    if (!allowed.count(key)) {
      return Status::InvalidArgument(TomlWhere(source_name, value) + "unknown key '" + key +
                                     "' in " + where);
    }
  }
  return Status::Ok();
}

Status TomlGetString(std::string_view source_name, const TomlValue& table, const char* key,
                     std::string* out) {
  const TomlValue* v = table.Find(key);
  if (!v) return Status::Ok();
  if (!v->is_string()) {
    return Status::InvalidArgument(TomlWhere(source_name, *v) + "'" + key +
                                   "' must be a string, not " + v->TypeName());
  }
  *out = v->str;
  return Status::Ok();
}

Result<TomlValue> ParseToml(std::string_view source_name, std::string_view text,
                            std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    return Status::TooLarge(std::string(source_name) + ": larger than " +
                            std::to_string(max_bytes) + " bytes");
  }
  try {
    toml::table table = toml::parse(text, std::string(source_name));
    return ConvertTable(table);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return Status::InvalidArgument(std::string(source_name) + ":" + std::to_string(where.line) +
                                   ":" + std::to_string(where.column) + ": " +
                                   std::string(e.description()));
  }
}

}  // namespace ecwatch
