// Reference edge collection (dense, sparse and heap variants): Py-ART's _fast_edge_finder and
// _edge_sum_and_count reproduced step by step: every labelled gate looks at its four neighbours,
// stepping over up to skip_* label-0 gates, records (label, neighbour label, velocities) when the labels
// differ, then the records are sorted by (neighbour, label) and summed with numpy's pairwise summation.
#pragma once

#include <cstddef>
#include <cstdint>

#include "graph.h"
#include "memory.h"
#include "types.h"

namespace unfold {

// Fills graph.alpha/beta/weight/sum_diff from the labels; graph.sizes/regions must be set already.
void CollectEdgesReference(const SweepInput& in, const std::int32_t* labels, const DealiasParams& params,
                           RegionGraph& graph, MemoryTracker& mem);

// numpy's add.reduceat over one segment of float64 values: the first value, plus the pairwise sum of
// the rest (numpy's pairwise_sum, blocks of 8 accumulators up to 128 values, then halving).
double NumpySegmentSum(const double* values, std::size_t n);

}  // namespace unfold
