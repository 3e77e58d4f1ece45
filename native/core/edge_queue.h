// Priority queue of edges for the fused merge: heaviest weight first, ties to the lowest edge number
// (the edge Py-ART's np.argmax scan picks). Weights below kBuckets have a bucket each: the initial
// edges sit in a sorted array consumed front to back, later pushes (combined edges) go to a small
// per-bucket heap; a bitmap finds the heaviest non-empty bucket. Heavier weights share one heap.
// Entries go stale (edge died or gained weight); the caller validates each popped entry.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>

#include "memory.h"

namespace unfold {

class EdgeQueue {
 public:
  static constexpr std::int32_t kBuckets = 1024;

  // weights[e] > 0 for every edge e (numbered 0..n-1 in Py-ART order).
  EdgeQueue(const std::int32_t* weights, std::size_t n, MemoryTracker& mem)
      : initial_(MakeVec<std::int32_t>(mem, n)),
        initial_begin_(MakeVec<std::int32_t>(mem, kBuckets + 1, 0)),
        initial_pos_(MakeVec<std::int32_t>(mem, kBuckets, 0)),
        late_(TrackedAllocator<TVec<std::int32_t>>(&mem)),
        heavy_(MakeVec<std::uint64_t>(mem)),
        bits_(MakeVec<std::uint64_t>(mem, kBuckets / 64, 0)) {
    for (std::size_t e = 0; e < n; ++e) {
      if (weights[e] < kBuckets) ++initial_begin_[static_cast<std::size_t>(weights[e]) + 1];
    }
    for (std::size_t w = 1; w <= kBuckets; ++w)
      initial_begin_[w] += initial_begin_[w - 1];
    std::copy(initial_begin_.begin(), initial_begin_.end() - 1, initial_pos_.begin());
    auto fill = initial_pos_;
    for (std::size_t e = 0; e < n; ++e) {  // ascending edge number within each bucket
      const std::int32_t w = weights[e];
      if (w < kBuckets) {
        initial_[static_cast<std::size_t>(fill[static_cast<std::size_t>(w)]++)] = static_cast<std::int32_t>(e);
        Mark(w);
      } else {
        PushHeavy(w, static_cast<std::int32_t>(e));
      }
    }
    late_.reserve(kBuckets);
    for (std::int32_t w = 0; w < kBuckets; ++w)
      late_.emplace_back(TrackedAllocator<std::int32_t>(&mem));
  }

  void Push(std::int32_t weight, std::int32_t edge) {
    if (weight >= kBuckets) {
      PushHeavy(weight, edge);
      return;
    }
    auto& heap = late_[static_cast<std::size_t>(weight)];
    heap.push_back(edge);
    std::push_heap(heap.begin(), heap.end(), std::greater<std::int32_t>());
    Mark(weight);
  }

  // Pops the best entry; false when empty.
  bool Pop(std::int32_t* weight, std::int32_t* edge) {
    if (!heavy_.empty()) {
      std::pop_heap(heavy_.begin(), heavy_.end());
      const std::uint64_t key = heavy_.back();
      heavy_.pop_back();
      *weight = static_cast<std::int32_t>(key >> 32);
      *edge = static_cast<std::int32_t>(0xFFFFFFFFu - static_cast<std::uint32_t>(key & 0xFFFFFFFFu));
      return true;
    }
    const std::int32_t w = HighestMarked();
    if (w < 0) return false;
    const auto wi = static_cast<std::size_t>(w);
    auto& heap = late_[wi];
    const bool has_initial = initial_pos_[wi] < initial_begin_[wi + 1];
    const bool take_initial =
        has_initial && (heap.empty() || initial_[static_cast<std::size_t>(initial_pos_[wi])] < heap.front());
    if (take_initial) {
      *edge = initial_[static_cast<std::size_t>(initial_pos_[wi]++)];
    } else {
      std::pop_heap(heap.begin(), heap.end(), std::greater<std::int32_t>());
      *edge = heap.back();
      heap.pop_back();
    }
    *weight = w;
    if (initial_pos_[wi] == initial_begin_[wi + 1] && heap.empty()) Unmark(w);
    return true;
  }

 private:
  void PushHeavy(std::int32_t weight, std::int32_t edge) {
    heavy_.push_back((static_cast<std::uint64_t>(static_cast<std::uint32_t>(weight)) << 32) |
                     (0xFFFFFFFFu - static_cast<std::uint32_t>(edge)));
    std::push_heap(heavy_.begin(), heavy_.end());
  }
  void Mark(std::int32_t w) {
    bits_[static_cast<std::size_t>(w) >> 6] |= std::uint64_t{1} << (w & 63);
    if (w > top_) top_ = w;
  }
  void Unmark(std::int32_t w) { bits_[static_cast<std::size_t>(w) >> 6] &= ~(std::uint64_t{1} << (w & 63)); }
  // Highest non-empty bucket; top_ bounds it from above so the scan starts where the last pop ended.
  std::int32_t HighestMarked() {
    for (std::int64_t k = top_ >> 6; k >= 0; --k) {
      const std::uint64_t word = bits_[static_cast<std::size_t>(k)];
      if (word != 0) {
        top_ = static_cast<std::int32_t>(k * 64 + 63 - __builtin_clzll(word));
        return top_;
      }
    }
    top_ = 0;
    return -1;
  }

  TVec<std::int32_t> initial_;        // initial edges grouped by weight, ascending edge number
  TVec<std::int32_t> initial_begin_;  // [kBuckets + 1]
  TVec<std::int32_t> initial_pos_;    // next unconsumed initial entry per bucket
  TVec<TVec<std::int32_t>> late_;     // min-heaps of edge numbers pushed later, per bucket
  TVec<std::uint64_t> heavy_;         // max-heap of (weight << 32 | ~edge) for weights >= kBuckets
  TVec<std::uint64_t> bits_;          // non-empty buckets
  std::int32_t top_ = 0;              // no bucket above this is marked
};

}  // namespace unfold
