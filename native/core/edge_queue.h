// Priority queue of edges for the fused merge: heaviest weight first, ties to the lowest edge number
// (the edge Py-ART's np.argmax scan picks). The initial edges sit in one array sorted by that order
// (counting sort on the weight, edge numbers ascending within a weight) that is consumed front to
// back; edges whose weight grows later (combined edges) go to a binary heap of (weight, ~edge) keys.
// Entries go stale when their edge dies or gains weight: the caller passes the current weights and
// Pop skips every entry whose weight is no longer its edge's (weights only grow, so a weight seen
// again is the same entry).
#pragma once

#include <algorithm>
#include <cstdint>

#include "memory.h"

namespace unfold {

class EdgeQueue {
 public:
  // weight_of(e) > 0 for every edge e (numbered 0..n-1 in Py-ART order). The counting sort covers
  // weights below kCountedWeights; heavier edges (few) are sorted by comparison.
  template <class WeightOf>
  EdgeQueue(const WeightOf& weight_of, std::size_t n, MemoryTracker& mem)
      : order_(MakeVec<std::int32_t>(mem, n)), runs_(MakeVec<Run>(mem)), heap_(MakeVec<std::uint64_t>(mem)) {
    auto count = MakeVec<std::int32_t>(mem, kCountedWeights + 1, 0);
    std::size_t heavy = 0;
    for (std::size_t e = 0; e < n; ++e) {
      const std::int32_t w = weight_of(e);
      if (w < kCountedWeights) {
        ++count[static_cast<std::size_t>(w)];
      } else {
        ++heavy;
      }
    }
    // Heavy edges first, by key; then one run per weight, heaviest first.
    auto heavy_keys = MakeVec<std::uint64_t>(mem);
    heavy_keys.reserve(heavy);
    for (std::size_t e = 0; e < n; ++e) {
      const std::int32_t w = weight_of(e);
      if (w >= kCountedWeights) heavy_keys.push_back(Key(w, static_cast<std::int32_t>(e)));
    }
    std::sort(heavy_keys.begin(), heavy_keys.end(), [](std::uint64_t a, std::uint64_t b) { return a > b; });
    std::int32_t at = 0;
    for (std::uint64_t key : heavy_keys) {
      order_[static_cast<std::size_t>(at++)] = KeyEdge(key);
      runs_.push_back(Run{at, KeyWeight(key)});
    }
    std::int32_t start = at;
    for (std::int32_t w = kCountedWeights - 1; w >= 1; --w) {  // start offset of each weight
      const std::int32_t c = count[static_cast<std::size_t>(w)];
      count[static_cast<std::size_t>(w)] = start;
      start += c;
      if (c > 0) runs_.push_back(Run{start, w});
    }
    for (std::size_t e = 0; e < n; ++e) {
      const std::int32_t w = weight_of(e);
      if (w < kCountedWeights)
        order_[static_cast<std::size_t>(count[static_cast<std::size_t>(w)]++)] = static_cast<std::int32_t>(e);
    }
  }

  void Push(std::int32_t weight, std::int32_t edge) {
    heap_.push_back(Key(weight, edge));
    std::push_heap(heap_.begin(), heap_.end());
  }

  // Pops the best entry that is still current (weight_of(edge) == its weight); false when none is left.
  template <class WeightOf>
  bool Pop(const WeightOf& weight_of, std::int32_t* edge) {
    while (cursor_ < order_.size() && weight_of(order_[cursor_]) != runs_[run_].weight)
      Advance();
    while (!heap_.empty() && weight_of(KeyEdge(heap_.front())) != KeyWeight(heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end());
      heap_.pop_back();
    }
    const bool initial = cursor_ < order_.size();
    if (!initial && heap_.empty()) return false;
    if (initial && (heap_.empty() || Key(runs_[run_].weight, order_[cursor_]) > heap_.front())) {
      *edge = order_[cursor_];
      Advance();
    } else {
      *edge = KeyEdge(heap_.front());
      std::pop_heap(heap_.begin(), heap_.end());
      heap_.pop_back();
    }
    return true;
  }

 private:
  static constexpr std::int32_t kCountedWeights = 1024;
  struct Run {
    std::int32_t end;  // order_[previous run's end, end) holds edges of this weight
    std::int32_t weight;
  };

  static std::uint64_t Key(std::int32_t weight, std::int32_t edge) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(weight)) << 32) |
           (0xFFFFFFFFu - static_cast<std::uint32_t>(edge));
  }
  static std::int32_t KeyEdge(std::uint64_t key) {
    return static_cast<std::int32_t>(0xFFFFFFFFu - static_cast<std::uint32_t>(key & 0xFFFFFFFFu));
  }
  static std::int32_t KeyWeight(std::uint64_t key) { return static_cast<std::int32_t>(key >> 32); }

  void Advance() {
    ++cursor_;
    if (cursor_ == static_cast<std::size_t>(runs_[run_].end) && run_ + 1 < runs_.size()) ++run_;
  }

  TVec<std::int32_t> order_;  // initial edges, heaviest first, ascending edge number within a weight
  TVec<Run> runs_;            // weight of each stretch of order_
  TVec<std::uint64_t> heap_;  // max-heap of (weight << 32 | ~edge) for edges whose weight grew
  std::size_t cursor_ = 0;    // next initial entry
  std::size_t run_ = 0;       // run holding order_[cursor_]
};

}  // namespace unfold
