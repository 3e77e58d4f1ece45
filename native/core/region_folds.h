// Fold numbers of regions grouped into merge nodes, as a union-find with offsets: shifting a node is
// O(1) (added at its root) and a region's fold is the sum of offsets on its path to the root. Used by
// the heap, dense and fused variants in place of Py-ART's per-node region lists.
#pragma once

#include <cstdint>

#include "memory.h"

namespace unfold {

class RegionFolds {
 public:
  RegionFolds(std::int32_t regions, MemoryTracker& mem)
      : parent_(MakeVec<std::int32_t>(mem, static_cast<std::size_t>(regions) + 1)),
        offset_(MakeVec<std::int64_t>(mem, static_cast<std::size_t>(regions) + 1, 0)) {
    for (std::size_t r = 0; r < parent_.size(); ++r)
      parent_[r] = static_cast<std::int32_t>(r);
  }

  // Adds `k` intervals to every region of the node whose root is `node`.
  void Shift(std::int32_t node, std::int64_t k) { offset_[static_cast<std::size_t>(node)] += k; }

  // Node `merge` joins node `base` (both roots); base stays the root.
  void Merge(std::int32_t base, std::int32_t merge) {
    parent_[static_cast<std::size_t>(merge)] = base;
    offset_[static_cast<std::size_t>(merge)] -= offset_[static_cast<std::size_t>(base)];
  }

  // Writes every region's total fold into `unwrap` (index 0 = label 0, never shifted).
  void Resolve(TVec<std::int64_t>& unwrap) {
    unwrap.assign(parent_.size(), 0);
    for (std::size_t r = 0; r < parent_.size(); ++r)
      unwrap[r] = Total(static_cast<std::int32_t>(r));
  }

 private:
  // Sum of offsets from `r` to its root, compressing the path. Iterative: merge chains can be as
  // long as the number of regions, too deep for recursion on a worker thread's stack.
  std::int64_t Total(std::int32_t r) {
    std::int64_t below_root = 0;
    std::int32_t x = r;
    while (parent_[static_cast<std::size_t>(x)] != x) {
      below_root += offset_[static_cast<std::size_t>(x)];
      x = parent_[static_cast<std::size_t>(x)];
    }
    const std::int32_t root = x;
    std::int64_t remaining = below_root;
    x = r;
    while (parent_[static_cast<std::size_t>(x)] != x) {
      const auto i = static_cast<std::size_t>(x);
      const std::int32_t next = parent_[i];
      const std::int64_t own = offset_[i];
      offset_[i] = remaining;  // now relative to the root directly
      parent_[i] = root;
      remaining -= own;
      x = next;
    }
    return below_root + offset_[static_cast<std::size_t>(root)];
  }

  TVec<std::int32_t> parent_;
  TVec<std::int64_t> offset_;
};

}  // namespace unfold
