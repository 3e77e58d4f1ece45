// The fused variant: one pass over the sweep for labelling and contact collection (fused_pass.h),
// resolution of provisional labels into scipy's numbering, edge aggregation by counting sort, and a
// merge on flat arrays (merge_fused.cc). Same labels, edges and folds as the reference stages.
#pragma once

#include "graph.h"
#include "limits.h"
#include "memory.h"
#include "types.h"

namespace unfold {

struct FusedResult {
  explicit FusedResult(MemoryTracker& mem)
      : label_map(MakeVec<std::int32_t>(mem)),
        row_begin(MakeVec<std::int32_t>(mem)),
        row_end(MakeVec<std::int32_t>(mem)) {}
  ValidSummary summary;
  IntervalLimits limits;
  // Provisional label (as left in out.regions) -> final label; applied by ApplyFolds.
  TVec<std::int32_t> label_map;
  // Per ray, the span of valid gates left for ApplyFoldsSpans (empty: the pass finished the ray).
  TVec<std::int32_t> row_begin;
  TVec<std::int32_t> row_end;
};

// Labels regions (provisionally, into out.regions) and builds the region graph; computes the valid
// summary and the interval limits itself (widening triggers a second pass); fills label/edges timings.
void FusedFrontEnd(const SweepInput& in, const DealiasParams& params, SweepOutput& out, RegionGraph& graph,
                   FusedResult* result, MemoryTracker& mem, StageTimings* timings);

// Consumes the graph's edge arrays (freed once copied); graph.sizes stays.
void MergeFused(RegionGraph& graph, MemoryTracker& mem, MergeResult* result);

}  // namespace unfold
