#pragma once
// Parsing ahead of reading (not installed): a second thread parses files in order while the
// calling thread reads the ones already parsed, within a budget of input bytes whose results
// are alive; a result the reader is done with is destroyed by whichever thread is idle. On two
// cores this keeps both busy: freeing a DOM costs about as much as parsing it.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace vpcsim::detail {

template <class Result>
class parse_ahead {
 public:
  /// `parse(i)` makes item i's result on the second thread; `sizes[i]` is what it counts against
  /// `budget` from the start of its parse until it is destroyed. An item larger than the budget
  /// is parsed when nothing else is alive.
  parse_ahead(std::vector<std::size_t> sizes, std::size_t budget, std::function<Result(std::size_t)> parse)
      : sizes_(std::move(sizes)), budget_(budget), parse_(std::move(parse)), ready_(sizes_.size()) {
    if (!sizes_.empty()) worker_ = std::thread([this] { run(); });
  }
  parse_ahead(const parse_ahead&) = delete;
  parse_ahead& operator=(const parse_ahead&) = delete;

  ~parse_ahead() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    if (worker_.joinable()) worker_.join();
  }

  /// Item i's result; items are taken in order, each once. While it is not ready, this thread
  /// destroys the results given back. Rethrows what `parse(i)` threw.
  Result take(std::size_t i) {
    std::unique_lock lock(mutex_);
    for (;;) {
      if (ready_[i]) {
        slot s = std::move(*ready_[i]);
        ready_[i].reset();
        if (s.error) {
          alive_ -= sizes_[i];
          changed_.notify_all();
          std::rethrow_exception(s.error);
        }
        return std::move(s.result);
      }
      if (!free_one(lock)) changed_.wait(lock);
    }
  }

  /// Item i's result, read: to be destroyed by an idle thread.
  void give_back(std::size_t i, Result done) {
    {
      std::lock_guard lock(mutex_);
      finished_.emplace_back(sizes_[i], std::move(done));
    }
    changed_.notify_all();
  }

 private:
  struct slot {
    Result result;
    std::exception_ptr error;
  };

  // With the lock held: destroys one given-back result outside it; false if there is none.
  bool free_one(std::unique_lock<std::mutex>& lock) {
    if (finished_.empty()) return false;
    auto item = std::move(finished_.front());
    finished_.pop_front();
    lock.unlock();
    { auto gone = std::move(item.second); }
    lock.lock();
    alive_ -= item.first;
    changed_.notify_all();
    return true;
  }

  void run() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
      if (next_ < sizes_.size() && (alive_ == 0 || alive_ + sizes_[next_] <= budget_)) {
        std::size_t i = next_++;
        alive_ += sizes_[i];
        lock.unlock();
        slot s;
        try {
          s.result = parse_(i);
        } catch (...) {
          s.error = std::current_exception();
        }
        lock.lock();
        ready_[i] = std::move(s);
        changed_.notify_all();
      } else if (!free_one(lock)) {
        changed_.wait(lock);
      }
    }
  }

  std::vector<std::size_t> sizes_;
  std::size_t budget_;
  std::function<Result(std::size_t)> parse_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::optional<slot>> ready_;
  std::deque<std::pair<std::size_t, Result>> finished_;
  std::size_t next_ = 0;   // the next item to parse
  std::size_t alive_ = 0;  // sizes of the items parsed or parsing and not yet destroyed
  bool stop_ = false;
  std::thread worker_;  // last: started once the rest is built
};

}  // namespace vpcsim::detail
