// AnalyzePool: extraction and rule matching of fetched pages on worker
// threads, so that a crawl uses every core while its one fetch/store thread
// keeps the sockets and the database.
//
// The extractor and a loaded RuleSet are safe for concurrent use; the Store
// is not, so results come back to the caller's thread (Collect) to be stored.
// The RuleSet given with a page must stay alive until its result is
// collected (the daemon retires, rather than frees, a replaced set until the
// pool is idle). Not thread-safe itself: one owner thread calls everything.
#ifndef ECWATCH_APP_ANALYZE_POOL_H_
#define ECWATCH_APP_ANALYZE_POOL_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"
#include "crawler/fetcher.h"
#include "extract/article.h"
#include "rules/findings.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace ecwatch {

struct Analyzed {
  uint64_t tag = 0;
  FetchResult fetched;  // as submitted, body released
  Result<Article> article = Status::IoError("not analysed");
  Findings findings;    // empty when article is an error
  TextKeys keys;        // TextKeysOf(article->text) when article is ok
};

class AnalyzePool {
 public:
  // threads == 0: Submit analyses on the calling thread.
  explicit AnalyzePool(int threads);
  ~AnalyzePool();  // finishes the queued work, then joins
  AnalyzePool(const AnalyzePool&) = delete;
  AnalyzePool& operator=(const AnalyzePool&) = delete;

  // Queues fetched (its body is read by a worker) for extraction and, when
  // it yields an article, matching with rules (borrowed).
  void Submit(uint64_t tag, FetchResult fetched, const RuleSet* rules);

  // The results finished so far, without waiting.
  std::vector<Analyzed> Collect();

  // Blocks until every submitted page is finished (then Collect has them).
  void WaitIdle();

  // Submitted and not yet collected.
  int outstanding() const { return outstanding_; }

 private:
  struct Work {
    uint64_t tag;
    FetchResult fetched;
    const RuleSet* rules;
  };
  static Analyzed Analyze(Work work);
  void Run();

  std::mutex mu_;
  std::condition_variable work_ready_;
  std::condition_variable idle_;
  std::deque<Work> queue_;
  std::vector<Analyzed> done_;
  int running_ = 0;      // being analysed now
  bool stopping_ = false;
  int outstanding_ = 0;  // owner thread only
  std::vector<std::thread> threads_;
};

}  // namespace ecwatch

#endif  // ECWATCH_APP_ANALYZE_POOL_H_
