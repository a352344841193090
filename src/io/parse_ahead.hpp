#pragma once
// Parsing ahead of reading (not installed). Items (files) are parsed in order by a second thread,
// and by the reading thread too whenever the item it needs is still being parsed: it then takes
// the next unparsed one instead of waiting. Each result is destroyed on the thread that parsed
// it, once read: freeing a DOM costs about as much as parsing it, and memory freed by another
// thread than the one that allocated it makes both threads contend for the allocator. The
// results alive at once (parsing, parsed, read, not yet destroyed) stay within a budget.

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
  /// `parse(i)` makes item i's result, on either thread; `sizes[i]` is what it counts against
  /// `budget` from the start of its parse until it is destroyed. An item larger than the budget
  /// is parsed when nothing else is alive.
  parse_ahead(std::vector<std::size_t> sizes, std::size_t budget, std::function<Result(std::size_t)> parse)
      : sizes_(std::move(sizes)), budget_(budget), parse_(std::move(parse)), ready_(sizes_.size()),
        by_reader_(sizes_.size(), false) {
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

  /// Item i's result; items are taken in order, each once, on one thread (the reader). While it
  /// is not ready, this thread parses items after it. Rethrows what `parse(i)` threw.
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
      if (can_parse()) {
        by_reader_[next_] = true;
        parse_next(lock);
      } else {
        changed_.wait(lock);
      }
    }
  }

  /// Item i's result, read: destroyed now if this thread parsed it, else by the second thread.
  void give_back(std::size_t i, Result done) {
    std::unique_lock lock(mutex_);
    if (by_reader_[i]) {
      lock.unlock();
      { auto gone = std::move(done); }
      lock.lock();
      alive_ -= sizes_[i];
    } else {
      finished_.emplace_back(sizes_[i], std::move(done));
    }
    lock.unlock();
    changed_.notify_all();
  }

 private:
  struct slot {
    Result result;
    std::exception_ptr error;
  };

  bool can_parse() const {
    return next_ < sizes_.size() && (alive_ == 0 || alive_ + sizes_[next_] <= budget_);
  }

  // With the lock held and `can_parse()`: parses the next item outside it.
  void parse_next(std::unique_lock<std::mutex>& lock) {
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
  }

  // The second thread: destroys what it parsed and was read, else parses ahead, else waits; at
  // the end, destroys what is left of its own.
  void run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      if (!finished_.empty()) {
        auto item = std::move(finished_.front());
        finished_.pop_front();
        lock.unlock();
        { auto gone = std::move(item.second); }
        lock.lock();
        alive_ -= item.first;
        changed_.notify_all();
      } else if (stop_) {
        return;
      } else if (can_parse()) {
        parse_next(lock);
      } else {
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
  std::vector<bool> by_reader_;  // parsed on the reading thread
  std::deque<std::pair<std::size_t, Result>> finished_;  // read, parsed on the second thread
  std::size_t next_ = 0;   // the next item to parse
  std::size_t alive_ = 0;  // sizes of the items parsing or parsed and not yet destroyed
  bool stop_ = false;
  std::thread worker_;  // last: started once the rest is built
};

}  // namespace vpcsim::detail
