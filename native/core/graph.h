// The region graph every merge variant starts from: region sizes and one edge per pair of regions in
// contact, numbered as Py-ART's _EdgeTracker numbers them (ascending smaller label, then larger).
// alpha is the larger label; sum_diff is the summed alpha-minus-beta velocity jump over all contacts
// in Nyquist intervals (float32, as Py-ART stores it); weight is the number of contacts.
#pragma once

#include <cstdint>

#include "memory.h"

namespace unfold {

// One edge in a single record (the fused variant's layout; the other variants use the four arrays).
struct EdgeRecord {
  std::int32_t alpha;
  std::int32_t beta;
  std::int32_t weight;
  float sum_diff;
};

struct RegionGraph {
  explicit RegionGraph(MemoryTracker& mem)
      : sizes(MakeVec<std::int32_t>(mem)),
        alpha(MakeVec<std::int32_t>(mem)),
        beta(MakeVec<std::int32_t>(mem)),
        weight(MakeVec<std::int32_t>(mem)),
        sum_diff(MakeVec<float>(mem)),
        records(MakeVec<EdgeRecord>(mem)) {}

  std::int32_t regions = 0;
  TVec<std::int32_t> sizes;  // gates per region, index 1..regions (index 0 unused)
  TVec<std::int32_t> alpha;
  TVec<std::int32_t> beta;
  TVec<std::int32_t> weight;
  TVec<float> sum_diff;
  TVec<EdgeRecord> records;  // the fused front end's edges (then the four arrays above stay empty)

  std::size_t edge_count() const { return records.empty() ? weight.size() : records.size(); }
};

// What a merge variant produces: the fold number ("unwrap number") of each region, index 0 being the
// slot Py-ART keeps for label 0, and how many merges it made.
struct MergeResult {
  explicit MergeResult(MemoryTracker& mem) : unwrap(MakeVec<std::int64_t>(mem)) {}
  TVec<std::int64_t> unwrap;  // Nyquist intervals, [regions + 1]
  std::int64_t merges = 0;
};

}  // namespace unfold
