// MultiFetcher: a fixed pool of CurlTransfers driven by one curl multi handle.
//
// Each slot owns a reusable easy handle; the multi handle shares connections
// between them (keep-alive across URLs of one host). Tested by
// tests/crawler/multi_fetcher_test.cc.
#include "crawler/multi_fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <unordered_map>

#include "base/limits.h"
#include "crawler/curl_transfer.h"

namespace ecwatch {

using crawler_internal::ClampOptions;
using crawler_internal::CurlTransfer;
using crawler_internal::TransferOutcome;

class MultiFetcher::Impl {
 public:
  Impl(const FetchOptions& open, const FetchOptions& guarded, int max_parallel)
      : open_(ClampOptions(open)), guarded_(ClampOptions(guarded)), multi_(curl_multi_init()) {
    const int n = std::clamp(max_parallel, 1, limits::kMaxConcurrency);
    slots_.resize(static_cast<std::size_t>(n));
    for (Slot& slot : slots_) slot.transfer = std::make_unique<CurlTransfer>();
    // The slots bound the transfers, HostGate (the caller's) the ones per
    // host; no libcurl connection limits, whose pending queue would add a
    // second, hidden politeness. No multiplexing: a new transfer would wait
    // to learn whether a busy connection to its host can take it.
    if (multi_ != nullptr) curl_multi_setopt(multi_.get(), CURLMOPT_PIPELINING, CURLPIPE_NOTHING);
  }

  ~Impl() { AbortAll(); }

  bool Start(const FetchRequest& request, bool guarded, uint64_t tag) {
    auto free = std::find_if(slots_.begin(), slots_.end(), [](const Slot& s) { return !s.busy; });
    if (free == slots_.end()) return false;
    Status prepared = free->transfer->Prepare(request, guarded ? &guarded_ : &open_);
    if (prepared.ok() && multi_ == nullptr) prepared = Status::IoError(request.url + ": curl_multi_init failed");
    if (prepared.ok() && curl_multi_add_handle(multi_.get(), free->transfer->easy()) != CURLM_OK) {
      prepared = Status::IoError(request.url + ": curl_multi_add_handle failed");
    }
    if (!prepared.ok()) {
      FetchCompletion done;
      done.tag = tag;
      done.url = request.url;
      done.result = prepared;
      ready_.push_back(std::move(done));
      return true;
    }
    free->busy = true;
    free->tag = tag;
    by_handle_[free->transfer->easy()] = &*free;
    return true;
  }

  std::vector<FetchCompletion> Poll(int timeout_ms) {
    if (multi_ != nullptr && !by_handle_.empty()) {
      int running = 0;
      curl_multi_perform(multi_.get(), &running);
      Collect();
      // Wait only when nothing finished yet, and no longer than libcurl asks
      // (a timer of 0: run again now).
      long curl_timeout_ms = -1;
      curl_multi_timeout(multi_.get(), &curl_timeout_ms);
      int wait_ms = ready_.empty() ? std::max(0, timeout_ms) : 0;
      if (curl_timeout_ms >= 0) wait_ms = std::min<long>(wait_ms, curl_timeout_ms);
      if (wait_ms > 0 && !by_handle_.empty()) {
        curl_multi_poll(multi_.get(), nullptr, 0, wait_ms, nullptr);
        curl_multi_perform(multi_.get(), &running);
        Collect();
      }
    }
    std::vector<FetchCompletion> out;
    out.swap(ready_);
    return out;
  }

  std::vector<FetchCompletion> AbortAll() {
    std::vector<FetchCompletion> out;
    out.swap(ready_);
    for (Slot& slot : slots_) {
      if (!slot.busy) continue;
      curl_multi_remove_handle(multi_.get(), slot.transfer->easy());
      FetchCompletion done;
      done.tag = slot.tag;
      done.url = slot.transfer->url();
      done.result = Status::NetworkError(slot.transfer->url() + ": aborted (shutting down)");
      done.transient = true;
      out.push_back(std::move(done));
      slot.busy = false;
    }
    by_handle_.clear();
    return out;
  }

  int in_flight() const { return static_cast<int>(by_handle_.size()); }
  int capacity() const { return static_cast<int>(slots_.size()); }

 private:
  struct Slot {
    std::unique_ptr<CurlTransfer> transfer;
    bool busy = false;
    uint64_t tag = 0;
  };
  struct MultiDeleter {
    void operator()(CURLM* m) const { curl_multi_cleanup(m); }
  };

  // Moves every finished transfer to ready_.
  void Collect() {
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      auto it = by_handle_.find(msg->easy_handle);
      if (it == by_handle_.end()) continue;
      Slot* slot = it->second;
      const CURLcode code = msg->data.result;  // msg is invalid after remove_handle
      by_handle_.erase(it);
      curl_multi_remove_handle(multi_.get(), slot->transfer->easy());
      TransferOutcome outcome = slot->transfer->Finish(code);
      FetchCompletion done;
      done.tag = slot->tag;
      done.url = slot->transfer->url();
      done.result = std::move(outcome.result);
      done.http_status = outcome.http_status;
      done.transient = outcome.transient;
      done.retry_after_seconds = outcome.retry_after_seconds;
      ready_.push_back(std::move(done));
      slot->busy = false;
    }
  }

  FetchOptions open_;
  FetchOptions guarded_;
  // Easy handles are removed from it in ~Impl (AbortAll); members then go in
  // reverse order: slots (easy handles) first, the multi handle last.
  std::unique_ptr<CURLM, MultiDeleter> multi_;
  std::vector<Slot> slots_;
  std::unordered_map<CURL*, Slot*> by_handle_;
  std::vector<FetchCompletion> ready_;
};

MultiFetcher::MultiFetcher(const FetchOptions& open, const FetchOptions& guarded, int max_parallel)
    : impl_(std::make_unique<Impl>(open, guarded, max_parallel)) {}
MultiFetcher::~MultiFetcher() = default;

bool MultiFetcher::Start(const FetchRequest& request, bool guarded, uint64_t tag) {
  return impl_->Start(request, guarded, tag);
}
std::vector<FetchCompletion> MultiFetcher::Poll(int timeout_ms) { return impl_->Poll(timeout_ms); }
std::vector<FetchCompletion> MultiFetcher::AbortAll() { return impl_->AbortAll(); }
int MultiFetcher::in_flight() const { return impl_->in_flight(); }
int MultiFetcher::capacity() const { return impl_->capacity(); }

}  // namespace ecwatch
