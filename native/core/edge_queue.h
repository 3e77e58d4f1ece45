// Priority queue of edges for the fused merge: heaviest weight first, ties to the lowest edge number
// (the edge Py-ART's np.argmax scan picks). The initial edges sit in one array sorted by that order
// (counting sort on the weight, edge numbers ascending within a weight) that is consumed front to
// back; edges whose weight grows later (combined edges, which is where most merges come from) are in
// an indexed 4-ary max-heap of (weight, ~edge) keys: an edge has at most one heap entry, raised in
// place when it gains weight again (a plain heap collected one stale entry per gain, each popped at
// full cost). Whether an entry is stale is answered from bits, without reading edge records (random
// accesses): an initial entry is current while its edge has neither died nor grown (one bit per edge,
// kept here), a heap entry while its edge is alive (the caller's predicate).
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
      : order_(MakeVec<std::int32_t>(mem, n)),
        runs_(MakeVec<Run>(mem)),
        heap_(MakeVec<std::uint64_t>(mem)),
        pos_(MakeVec<std::int32_t>(mem, n, kNotInHeap)),
        initial_(MakeVec<std::uint64_t>(mem, (n + 63) / 64, ~std::uint64_t{0})) {
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

  // `edge` now weighs `weight` (more than before).
  void Push(std::int32_t weight, std::int32_t edge) {
    Retire(edge);
    std::int32_t& at = pos_[static_cast<std::size_t>(edge)];
    if (at == kNotInHeap) {
      at = static_cast<std::int32_t>(heap_.size());
      heap_.push_back(0);
    }
    SiftUp(static_cast<std::size_t>(at), Key(weight, edge));
  }

  // `edge` died or grew: its initial entry is stale (a heap entry of a dead edge is dropped by Pop).
  void Retire(std::int32_t edge) {
    const auto e = static_cast<std::uint32_t>(edge);
    initial_[e >> 6] &= ~(std::uint64_t{1} << (e & 63u));
  }

  // Pops the best current entry (alive(edge) tells the live edges); false when none is left.
  template <class Alive>
  bool Pop(const Alive& alive, std::int32_t* edge) {
    while (cursor_ < order_.size() && !Initial(order_[cursor_]))
      Advance();
    while (!heap_.empty() && !alive(KeyEdge(heap_.front())))
      PopTop();
    const bool initial = cursor_ < order_.size();
    if (!initial && heap_.empty()) return false;
    if (initial && (heap_.empty() || Key(runs_[run_].weight, order_[cursor_]) > heap_.front())) {
      *edge = order_[cursor_];
      Advance();
    } else {
      *edge = KeyEdge(heap_.front());
      PopTop();
    }
    return true;
  }

 private:
  static constexpr std::int32_t kCountedWeights = 1024;
  static constexpr std::int32_t kNotInHeap = -1;
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

  bool Initial(std::int32_t edge) const {
    const auto e = static_cast<std::uint32_t>(edge);
    return ((initial_[e >> 6] >> (e & 63u)) & 1u) != 0;
  }

  // Puts `key` at heap slot `i` or above (keys only grow in place).
  void SiftUp(std::size_t i, std::uint64_t key) {
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (heap_[parent] >= key) break;
      Place(i, heap_[parent]);
      i = parent;
    }
    Place(i, key);
  }

  // Removes the top entry.
  void PopTop() {
    pos_[static_cast<std::size_t>(KeyEdge(heap_.front()))] = kNotInHeap;
    const std::uint64_t last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return;
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = 4 * i + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + 4 < n ? first + 4 : n;
      for (std::size_t c = first + 1; c < end; ++c)
        best = heap_[c] > heap_[best] ? c : best;
      if (heap_[best] <= last) break;
      Place(i, heap_[best]);
      i = best;
    }
    Place(i, last);
  }

  void Place(std::size_t i, std::uint64_t key) {
    heap_[i] = key;
    pos_[static_cast<std::size_t>(KeyEdge(key))] = static_cast<std::int32_t>(i);
  }

  void Advance() {
    ++cursor_;
    if (cursor_ == static_cast<std::size_t>(runs_[run_].end) && run_ + 1 < runs_.size()) ++run_;
  }

  TVec<std::int32_t> order_;     // initial edges, heaviest first, ascending edge number within a weight
  TVec<Run> runs_;               // weight of each stretch of order_
  TVec<std::uint64_t> heap_;     // 4-ary max-heap of (weight << 32 | ~edge) for edges whose weight grew
  TVec<std::int32_t> pos_;       // heap slot of each edge, kNotInHeap = none
  TVec<std::uint64_t> initial_;  // bit per edge: its initial entry is current
  std::size_t cursor_ = 0;       // next initial entry
  std::size_t run_ = 0;          // run holding order_[cursor_]
};

}  // namespace unfold
