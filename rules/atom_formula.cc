// AtomFormula: a pattern's prefilter clauses, learned by asking FilteredRE2.
// Tested by atom_formula_test.cc.
#include "rules/atom_formula.h"

#include <algorithm>
#include <cstddef>

#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include "base/limits.h"

namespace ecwatch::rules_internal {
namespace {

// Whether a text holding exactly the atoms of present (ids into the
// filter's atoms) may match the one pattern of filter.
class Oracle {
 public:
  explicit Oracle(const re2::FilteredRE2& filter) : filter_(filter) {}
  bool MayMatch(const std::vector<bool>& present) const {
    ids_.clear();
    for (std::size_t i = 0; i < present.size(); ++i) {
      if (present[i]) ids_.push_back(static_cast<int>(i));
    }
    filter_.AllPotentials(ids_, &out_);
    return !out_.empty();
  }

 private:
  const re2::FilteredRE2& filter_;
  mutable std::vector<int> ids_, out_;
};

// A smallest clause (set of atoms, as flags) of which every match holds one,
// shrunk from all atoms, trying to drop first's atom last. A clause C holds
// for every match exactly when a text holding all the other atoms cannot
// match (the formula is monotone).
std::vector<bool> PrimeClause(const Oracle& oracle, std::size_t n, std::size_t first) {
  std::vector<bool> clause(n, true), rest(n, false);
  for (std::size_t k = 1; k <= n; ++k) {
    const std::size_t a = (first + k) % n;  // first's atom comes last
    clause[a] = false;
    rest[a] = true;
    if (oracle.MayMatch(rest)) {
      clause[a] = true;  // needed
      rest[a] = false;
    }
  }
  return clause;
}

}  // namespace

bool AtomFormula::Derive(const std::string& pattern, int min_atom_len, AtomFormula* out, std::string* error) {
  out->clauses.clear();
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(limits::kRe2MaxMem);
  re2::FilteredRE2 filter(min_atom_len);
  int id = 0;
  if (filter.Add(pattern, o, &id) != RE2::NoError) {
    *error = "pattern rejected by the prefilter";
    return false;
  }
  std::vector<std::string> atoms;
  filter.Compile(&atoms);
  const Oracle oracle(filter);
  const std::size_t n = atoms.size();
  if (n == 0 || oracle.MayMatch(std::vector<bool>(n, false))) return true;  // no atom needed
  if (n > limits::kMaxAtomsPerPattern) {
    out->clauses.push_back(atoms);
    return true;
  }
  std::vector<std::vector<bool>> found;
  for (std::size_t a = 0; a < n; ++a) {
    if (std::any_of(found.begin(), found.end(), [&](const auto& c) { return c[a]; })) continue;
    auto clause = PrimeClause(oracle, n, a);
    if (std::find(found.begin(), found.end(), clause) == found.end()) found.push_back(std::move(clause));
  }
  for (const auto& c : found) {
    std::vector<std::string> clause;
    for (std::size_t a = 0; a < n; ++a) {
      if (c[a]) clause.push_back(atoms[a]);
    }
    if (!clause.empty()) out->clauses.push_back(std::move(clause));
  }
  return true;
}

}  // namespace ecwatch::rules_internal
