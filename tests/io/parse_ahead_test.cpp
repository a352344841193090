#include "../../src/io/parse_ahead.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {

using vpcsim::detail::parse_ahead;

// What is alive at once: each result holds its size until it is destroyed.
struct ledger {
  std::mutex m;
  std::size_t alive = 0;
  std::size_t most = 0;
  std::vector<int> parsed;
  std::size_t destroyed_elsewhere = 0;  // results destroyed on another thread than their parser's
};

struct result {
  std::size_t index = 0;
  std::shared_ptr<void> hold;  // gives its size back to the ledger when the last copy goes
};

result make(ledger& l, std::size_t index, std::size_t size) {
  {
    std::lock_guard lock(l.m);
    l.alive += size;
    l.most = std::max(l.most, l.alive);
    l.parsed.push_back(static_cast<int>(index));
  }
  return {index, std::shared_ptr<void>(nullptr, [&l, size, parser = std::this_thread::get_id()](void*) {
            std::lock_guard lock(l.m);
            l.alive -= size;
            if (std::this_thread::get_id() != parser) ++l.destroyed_elsewhere;
          })};
}

}  // namespace

TEST_CASE("parse ahead hands out every item once, in order, and parses each once") {
  ledger l;
  std::vector<std::size_t> sizes(50, 10);
  {
    parse_ahead<result> ahead(sizes, 35, [&](std::size_t i) { return make(l, i, sizes[i]); });
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      result r = ahead.take(i);
      CHECK(r.index == i);
      ahead.give_back(i, std::move(r));
    }
  }
  std::vector<int> expected(50);
  for (int i = 0; i < 50; ++i) expected[static_cast<std::size_t>(i)] = i;
  std::sort(l.parsed.begin(), l.parsed.end());  // both threads parse: they may finish out of order
  CHECK(l.parsed == expected);
  CHECK(l.alive == 0);
}

TEST_CASE("parse ahead keeps the results alive at once within its budget") {
  ledger l;
  std::vector<std::size_t> sizes = {4, 1, 3, 4, 2, 2, 4, 1, 1, 4, 3, 3, 2, 4, 4, 1};
  {
    parse_ahead<result> ahead(sizes, 6, [&](std::size_t i) { return make(l, i, sizes[i]); });
    for (std::size_t i = 0; i < sizes.size(); ++i) ahead.give_back(i, ahead.take(i));
  }
  CHECK(l.most <= 6);
  CHECK(l.alive == 0);
}

TEST_CASE("parse ahead parses an item larger than its budget once nothing else is alive") {
  ledger l;
  std::vector<std::size_t> sizes = {2, 100, 2, 100};
  {
    parse_ahead<result> ahead(sizes, 10, [&](std::size_t i) { return make(l, i, sizes[i]); });
    for (std::size_t i = 0; i < sizes.size(); ++i) ahead.give_back(i, ahead.take(i));
  }
  CHECK(l.most == 100);
  CHECK(l.parsed.size() == 4);
}

TEST_CASE("parse ahead rethrows a failed parse from take, and the items after it still come") {
  ledger l;
  std::vector<std::size_t> sizes(6, 1);
  parse_ahead<result> ahead(sizes, 3, [&](std::size_t i) {
    if (i == 2) throw std::runtime_error("item 2 is broken");
    return make(l, i, sizes[i]);
  });
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (i == 2) {
      CHECK_THROWS_WITH(ahead.take(i), "item 2 is broken");
      continue;
    }
    result r = ahead.take(i);
    CHECK(r.index == i);
    ahead.give_back(i, std::move(r));
  }
}

TEST_CASE("parse ahead stops cleanly when its reader leaves before the last item") {
  ledger l;
  std::vector<std::size_t> sizes(20, 1);
  {
    parse_ahead<result> ahead(sizes, 4, [&](std::size_t i) { return make(l, i, sizes[i]); });
    ahead.give_back(0, ahead.take(0));
    (void)ahead.take(1);  // an error while reading: the rest is never taken
  }
  CHECK(l.alive == 0);
  CHECK(l.parsed.size() <= 6);
}

TEST_CASE("parse ahead destroys each result on the thread that parsed it") {
  ledger l;
  std::vector<std::size_t> sizes(30, 1);
  {
    parse_ahead<result> ahead(sizes, 8, [&](std::size_t i) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));  // both threads get to parse
      return make(l, i, sizes[i]);
    });
    for (std::size_t i = 0; i < sizes.size(); ++i) ahead.give_back(i, ahead.take(i));
  }
  CHECK(l.parsed.size() == 30);
  CHECK(l.destroyed_elsewhere == 0);
  CHECK(l.alive == 0);
}
