// The fused variant: labelling and edge collection in one pass over the sweep, flat arrays and no
// per-gate allocation, then a merge on flat adjacency structures. Same labels, edges and folds as the
// reference stages.
#pragma once

#include "graph.h"
#include "limits.h"
#include "memory.h"
#include "types.h"

namespace unfold {

// Labels regions into out.regions and builds the region graph; fills timings->label_ms/edges_ms.
void FusedFrontEnd(const SweepInput& in, const DealiasParams& params, const IntervalLimits& limits, SweepOutput& out,
                   RegionGraph& graph, MemoryTracker& mem, StageTimings* timings);

void MergeFused(const RegionGraph& graph, MemoryTracker& mem, MergeResult* result);

}  // namespace unfold
