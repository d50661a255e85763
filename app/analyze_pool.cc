// AnalyzePool: a queue of fetched pages, worker threads that extract and
// match them, and a list of results the owner collects.
//
// Tested by tests/app/analyze_pool_test.cc and, end to end, the crawl tests.
#include "app/analyze_pool.h"

#include "app/pipeline.h"

namespace ecwatch {

AnalyzePool::AnalyzePool(int threads) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
}

AnalyzePool::~AnalyzePool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& t : threads_) t.join();
}

Analyzed AnalyzePool::Analyze(Work work) {
  Analyzed out;
  out.tag = work.tag;
  out.article = Pipeline::ExtractFetched(work.fetched);
  if (out.article.ok()) {
    if (work.rules != nullptr) out.findings = work.rules->Match(out.article.value());
    out.keys = TextKeysOf(out.article->text);  // hashing here spares the store's thread
  }
  work.fetched.body = std::string();  // the article has what is needed
  out.fetched = std::move(work.fetched);
  return out;
}

void AnalyzePool::Submit(uint64_t tag, FetchResult fetched, const RuleSet* rules) {
  ++outstanding_;
  Work work{tag, std::move(fetched), rules};
  if (threads_.empty()) {
    Analyzed result = Analyze(std::move(work));
    std::lock_guard<std::mutex> lock(mu_);
    done_.push_back(std::move(result));
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(work));
  }
  work_ready_.notify_one();
}

std::vector<Analyzed> AnalyzePool::Collect() {
  std::vector<Analyzed> out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    out.swap(done_);
  }
  outstanding_ -= static_cast<int>(out.size());
  return out;
}

void AnalyzePool::WaitIdle() {
  std::unique_lock<std::mutex> lock(mu_);
  idle_.wait(lock, [this] { return queue_.empty() && running_ == 0; });
}

void AnalyzePool::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left to do
    Work work = std::move(queue_.front());
    queue_.pop_front();
    ++running_;
    lock.unlock();
    Analyzed result = Analyze(std::move(work));
    lock.lock();
    --running_;
    done_.push_back(std::move(result));
    if (queue_.empty() && running_ == 0) idle_.notify_all();
  }
}

}  // namespace ecwatch
