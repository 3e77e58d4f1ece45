// Which end of an edge Py-ART calls "alpha". Py-ART re-orients every edge of the base node towards
// it at each merge, and the orientation decides the base node when two nodes have the same size.
// Equivalent rule without touching the edges: alpha is the end that was most recently the base of a
// merge; an edge whose ends were never bases is an original edge and its alpha is the larger label.
#pragma once

#include <cstdint>

#include "memory.h"

namespace unfold {

class MergeClock {
 public:
  MergeClock(std::int32_t regions, MemoryTracker& mem)
      : stamp_(MakeVec<std::int64_t>(mem, static_cast<std::size_t>(regions) + 1, 0)) {}

  void MarkBase(std::int32_t node) { stamp_[static_cast<std::size_t>(node)] = ++now_; }

  // Alpha of the edge between nodes a and b; `original_alpha` is used when neither was ever a base.
  std::int32_t Alpha(std::int32_t a, std::int32_t b, std::int32_t original_alpha) const {
    const std::int64_t sa = stamp_[static_cast<std::size_t>(a)];
    const std::int64_t sb = stamp_[static_cast<std::size_t>(b)];
    if (sa == sb) return original_alpha;
    return sa > sb ? a : b;
  }

 private:
  TVec<std::int64_t> stamp_;
  std::int64_t now_ = 0;
};

}  // namespace unfold
