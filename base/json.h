// The one place nlohmann/json is included: modules that read or write JSON
// (JSON-LD in extract/, --json output in app/) use ecwatch::Json.
#ifndef ECWATCH_BASE_JSON_H_
#define ECWATCH_BASE_JSON_H_

#include <nlohmann/json.hpp>

namespace ecwatch {
using Json = nlohmann::json;
}  // namespace ecwatch

#endif  // ECWATCH_BASE_JSON_H_
