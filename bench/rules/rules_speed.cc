// rules_speed: MB/s of plain news text through the rules matcher, with the
// default sets and with the sets grown to 300 and 3,000 rules, against
// (a) one RE2 per rule in a loop, (b) RE2::Set alone (which rules match)
// and (c) vectorscan with match starts (SOM), when built with it.
//
// Usage: rules_speed SETS_DIR CORPUS_DIR [MB] [LOOP_MB] [ONLY]
//   CORPUS_DIR holds rules/reuters-dev.jsonl and extraction/*/expected.txt;
//   their texts are repeated up to MB megabytes (default 50). The per-rule
//   loop is timed on the first LOOP_MB (default 4) megabytes only. ONLY
//   (default, 300 or 3000) runs the matcher alone on that set, printing its
//   MB/s and hit count (for profiling and before/after checks).
// Every MB/s is thread CPU time, the best of three passes over the same
// text; the matcher's passes follow a 2 MB warm-up.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "base/json.h"
#include "base/limits.h"
#include "base/sha256.h"
#include "rules/rule_set_impl.h"

#ifdef ECWATCH_HAVE_VECTORSCAN
#include <hs/hs.h>
#endif

namespace {

// Thread CPU time, so that other processes on a shared machine do not
// count against the matcher (the wall clock is printed for reference).
struct Clock {
  using time_point = double;
  static double now() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
  }
};
namespace fs = std::filesystem;
namespace ri = ecwatch::rules_internal;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Documents of the corpus repeated until they hold mb megabytes.
std::vector<std::string> LoadDocs(const std::string& corpus, double mb) {
  std::vector<std::string> base;
  std::istringstream in(ReadAll(corpus + "/rules/reuters-dev.jsonl"));
  for (std::string line; std::getline(in, line);) {
    ecwatch::Json j = ecwatch::Json::parse(line, nullptr, false);
    if (j.is_object() && !j.value("text", "").empty()) base.push_back(j.value("text", ""));
  }
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(corpus + "/extraction", ec)) {
    if (fs::exists(e.path() / "expected.txt")) base.push_back(ReadAll((e.path() / "expected.txt").string()));
  }
  std::vector<std::string> docs;
  std::size_t total = 0;
  const std::size_t want = static_cast<std::size_t>(mb * 1e6);
  for (std::size_t i = 0; total < want && !base.empty(); ++i) {
    docs.push_back(base[i % base.size()]);
    total += docs.back().size();
  }
  return docs;
}

std::size_t Bytes(const std::vector<std::string>& docs) {
  std::size_t n = 0;
  for (const auto& d : docs) n += d.size();
  return n;
}

// Mid-frequency words of the text, for synthetic rules that match about as
// often as real ones.
std::vector<std::string> Vocabulary(const std::vector<std::string>& docs) {
  std::map<std::string, int> freq;
  for (std::size_t d = 0; d < docs.size() && d < 400; ++d) {
    std::string w;
    for (char c : docs[d] + " ") {
      if (c >= 'a' && c <= 'z') {
        w += c;
      } else {
        if (w.size() >= 5) ++freq[w];
        w.clear();
      }
    }
  }
  std::vector<std::pair<int, std::string>> byf;
  for (auto& [w, f] : freq) byf.emplace_back(-f, w);
  std::sort(byf.begin(), byf.end());
  std::vector<std::string> out;
  for (std::size_t i = 150; i < byf.size() && out.size() < 4000; ++i) out.push_back(byf[i].second);
  return out;
}

// The default files plus a generated file of "instrument" pattern rules
// ("\bWORD\w* (?:[\w-]+ ){0,2}?WORD\b") to reach total rules.
std::vector<ecwatch::RuleSet::Source> Grow(std::vector<ecwatch::RuleSet::Source> files, std::size_t have,
                                           std::size_t total, const std::vector<std::string>& vocab) {
  if (total <= have) return files;
  std::mt19937 rng(20251128);
  std::string toml = "[set]\nname = \"synthetic\"\n";
  for (std::size_t i = have; i < total; ++i) {
    const std::string& a = vocab[rng() % vocab.size()];
    const std::string& b = vocab[rng() % vocab.size()];
    toml += "[[rule]]\nid = \"r" + std::to_string(i) + "\"\ncategory = \"instrument\"\npatterns = ['\\b" + a +
            "\\w* (?:[\\w-]+ ){0,2}?" + b + "\\b']\n";
  }
  files.push_back({"synthetic.toml", toml});
  return files;
}

double Seconds(double t0) { return Clock::now() - t0; }

// Every speed is the best of kPasses timed passes over the same text (the
// least disturbed by other work on a shared machine), for the matcher and
// its peers alike. pass(first) runs one pass; first: count its hits.
constexpr int kPasses = 3;
template <typename Pass>
double BestSeconds(Pass pass) {
  double best = 0;
  for (int k = 0; k < kPasses; ++k) {
    const double t0 = Clock::now();
    pass(k == 0);
    const double t = Seconds(t0);
    if (k == 0 || t < best) best = t;
  }
  return best;
}

// The documents as articles, built once outside every timed loop: the
// matcher is timed, not the copy of 50 MB of text into Article::text.
std::vector<ecwatch::Article> Articles(const std::vector<std::string>& docs) {
  std::vector<ecwatch::Article> out(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    out[i].text = docs[i];
    out[i].published = "2025-11-07";
  }
  return out;
}

// Bytes matched before the clock starts: RE2 builds each pattern's DFA states
// lazily on first use, once per rule set load (a daemon keeps its set for
// days), so the timed pass measures the steady state.
constexpr double kWarmUpBytes = 2e6;

double MatcherMBps(const ecwatch::RuleSet& set, const std::vector<ecwatch::Article>& docs, std::size_t* hits) {
  double warm = 0;
  for (std::size_t i = 0; i < docs.size() && warm < kWarmUpBytes; ++i) {
    warm += static_cast<double>(docs[i].text.size());
    set.Match(docs[i]);
  }
  double bytes = 0;
  for (const auto& a : docs) bytes += static_cast<double>(a.text.size());
  const double t = BestSeconds([&](bool first) {
    for (const auto& a : docs) {
      const std::size_t n = set.Match(a).matches.size();
      if (first) *hits += n;
    }
  });
  return bytes / 1e6 / t;
}

std::vector<std::string> Patterns(const ri::RuleSetImpl& set) {
  std::vector<std::string> out;
  for (const auto& r : set.matcher().rules()) {
    for (const auto& p : r.patterns) out.push_back(p);
  }
  return out;
}

double SetOnlyMBps(const std::vector<std::string>& pats, const std::vector<std::string>& docs, std::size_t* hits) {
  RE2::Options o;
  o.set_max_mem(ecwatch::limits::kRe2SetMaxMem);
  o.set_log_errors(false);
  RE2::Set set(o, RE2::UNANCHORED);
  for (const auto& p : pats) set.Add(p, nullptr);
  set.Compile();
  std::vector<int> v;
  const double t = BestSeconds([&](bool first) {
    for (const auto& d : docs) {
      set.Match(d, &v);
      if (first) *hits += v.size();
    }
  });
  return Bytes(docs) / 1e6 / t;
}

// (a) every rule's RE2 over the whole text, one after another, with spans.
double LoopMBps(const std::vector<std::string>& pats, const std::vector<std::string>& docs, std::size_t* hits) {
  std::vector<std::unique_ptr<RE2>> res;
  RE2::Options o;
  o.set_log_errors(false);
  for (const auto& p : pats) res.push_back(std::make_unique<RE2>(p, o));
  const double t = BestSeconds([&](bool first) {
    for (const auto& d : docs) {
      for (const auto& re : res) {
        re2::StringPiece in(d), m;
        while (re->Match(in, 0, in.size(), RE2::UNANCHORED, &m, 1)) {
          if (first) ++*hits;
          in.remove_prefix(m.data() - in.data() + std::max<std::size_t>(m.size(), 1));
        }
      }
    }
  });
  return Bytes(docs) / 1e6 / t;
}

#ifdef ECWATCH_HAVE_VECTORSCAN
// (c) vectorscan over the same patterns: (?i) becomes HS_FLAG_CASELESS,
// (?P<value> a plain group; a pattern it cannot take with SOM is skipped.
double VectorscanMBps(const std::vector<std::string>& pats, const std::vector<std::string>& docs,
                      std::size_t* hits, std::size_t* skipped) {
  std::vector<std::string> exprs;
  std::vector<unsigned> flags, ids;
  for (std::size_t i = 0; i < pats.size(); ++i) {
    std::string p = pats[i];
    unsigned f = HS_FLAG_UTF8 | HS_FLAG_SOM_LEFTMOST;
    if (p.rfind("(?i)", 0) == 0) {
      p = p.substr(4);
      f |= HS_FLAG_CASELESS;
    }
    for (std::size_t k; (k = p.find("(?P<")) != std::string::npos;) p.replace(k, p.find('>', k) - k + 1, "(");
    hs_database_t* db = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_compile(p.c_str(), f, HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
      hs_free_compile_error(err);
      ++*skipped;
      continue;
    }
    hs_free_database(db);
    exprs.push_back(p);
    flags.push_back(f);
    ids.push_back(static_cast<unsigned>(i));
  }
  std::vector<const char*> cexprs;
  for (const auto& e : exprs) cexprs.push_back(e.c_str());
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(cexprs.data(), flags.data(), ids.data(), static_cast<unsigned>(cexprs.size()),
                       HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
    std::printf("  vectorscan: compile failed: %s\n", err->message);
    hs_free_compile_error(err);
    return 0;
  }
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(db, &scratch);
  auto on_match = [](unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) -> int {
    ++*static_cast<std::size_t*>(ctx);
    return 0;
  };
  std::size_t ignored = 0;
  const double t = BestSeconds([&](bool first) {
    for (const auto& d : docs) {
      hs_scan(db, d.data(), static_cast<unsigned>(d.size()), 0, scratch, on_match, first ? hits : &ignored);
    }
  });
  const double mbps = Bytes(docs) / 1e6 / t;
  hs_free_scratch(scratch);
  hs_free_database(db);
  return mbps;
}
#endif

void RunOne(const char* label, const std::vector<ecwatch::RuleSet::Source>& files,
            const std::vector<std::string>& docs, const std::vector<ecwatch::Article>& articles,
            const std::vector<std::string>& loop_docs) {
  auto built = ri::BuildRuleSet(files);
  if (!built.set) {
    std::printf("%s: failed to build: %s\n", label, built.errors.empty() ? "?" : built.errors[0].c_str());
    return;
  }
  const auto pats = Patterns(*built.set);
  std::size_t h1 = 0, h2 = 0, h3 = 0;
  const double matcher = MatcherMBps(*built.set, articles, &h1);
  const double set_only = SetOnlyMBps(pats, docs, &h2);
  const double loop = LoopMBps(pats, loop_docs, &h3);
  std::printf("%-10s rules=%5zu patterns=%5zu | matcher (set+spans+events) %8.1f MB/s | RE2::Set which-rules %8.1f MB/s"
              " | per-rule RE2 loop %7.2f MB/s | matcher/loop %6.0fx\n",
              label, built.set->rule_count(), pats.size(), matcher, set_only, loop, matcher / loop);
#ifdef ECWATCH_HAVE_VECTORSCAN
  std::size_t h4 = 0, skipped = 0;
  const double vs = VectorscanMBps(pats, docs, &h4, &skipped);
  std::printf("%-10s vectorscan (SOM, all matches) %8.1f MB/s (%zu patterns skipped as unsupported)\n", "", vs, skipped);
#else
  std::printf("%-10s vectorscan: not built (install libvectorscan-dev and reconfigure)\n", "");
#endif
  std::fflush(stdout);
}

// Digest of every finding (matches, minerals, events) of every document, to
// check that a matcher change keeps findings identical.
std::string Digest(const ecwatch::RuleSet& set, const std::vector<ecwatch::Article>& docs) {
  std::string all;
  for (const auto& a : docs) {
    const ecwatch::Findings f = set.Match(a);
    for (const auto& m : f.matches) {
      all += m.rule + ' ' + std::to_string(m.start) + ' ' + std::to_string(m.end) + ' ' + m.value + '\n';
    }
    for (const auto& m : f.minerals) all += m + ';';
    for (const auto& e : f.events) {
      all += e.rule + ' ' + e.action + ' ' + std::to_string(e.start) + ' ' + std::to_string(e.end) + ' ' +
             (e.duration_days ? std::to_string(*e.duration_days) : "-") + ' ' + e.duration_text + ' ' + e.actor + '\n';
      for (const auto& i : e.items) all += i + ',';
    }
    all += '\f';
  }
  return ecwatch::Sha256Hex(all).substr(0, 16);
}

// Rules of the set named label ("default", "300", "3000").
std::size_t Size(const std::string& label, std::size_t have) {
  return label == "default" ? have : static_cast<std::size_t>(std::atol(label.c_str()));
}

int MatcherOnly(const char* label, const std::vector<ecwatch::RuleSet::Source>& files,
                const std::vector<ecwatch::Article>& docs) {
  auto built = ri::BuildRuleSet(files);
  if (!built.set) {
    std::printf("%s: failed to build: %s\n", label, built.errors.empty() ? "?" : built.errors[0].c_str());
    return 1;
  }
  std::size_t hits = 0;
  const double mbps = MatcherMBps(*built.set, docs, &hits);
  std::printf("%-10s rules=%5zu | matcher %8.1f MB/s | hits %zu | findings digest %s\n", label,
              built.set->rule_count(), mbps, hits, Digest(*built.set, docs).c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: rules_speed SETS_DIR CORPUS_DIR [MB] [LOOP_MB]\n");
    return 1;
  }
  const double mb = argc > 3 ? std::atof(argv[3]) : 50;
  const double loop_mb = argc > 4 ? std::atof(argv[4]) : 4;
  auto files = ri::ReadRuleDir(argv[1]);
  if (!files.ok()) {
    std::fprintf(stderr, "%s\n", files.status().ToString().c_str());
    return 1;
  }
  const auto docs = LoadDocs(argv[2], mb);
  const auto loop_docs = LoadDocs(argv[2], loop_mb);
  std::printf("text: %zu documents, %.1f MB (per-rule loop on %.1f MB)\n", docs.size(), Bytes(docs) / 1e6,
              Bytes(loop_docs) / 1e6);
  const auto vocab = Vocabulary(docs);
  const std::size_t have = ri::BuildRuleSet(files.value()).rules;
  const auto articles = Articles(docs);
  if (argc > 5) return MatcherOnly(argv[5], Grow(files.value(), have, Size(argv[5], have), vocab), articles);
  RunOne("default", files.value(), docs, articles, loop_docs);
  RunOne("300", Grow(files.value(), have, 300, vocab), docs, articles, loop_docs);
  RunOne("3000", Grow(files.value(), have, 3000, vocab), docs, articles, loop_docs);
  return 0;
}
