// Placeholder: reference stages until the single-pass front end lands.
#include "fused.h"

#include <chrono>

#include "classify.h"
#include "edges.h"
#include "labelling.h"
#include "merge.h"

namespace unfold {

void FusedFrontEnd(const SweepInput& in, const DealiasParams& params, const IntervalLimits& limits, SweepOutput& out,
                   RegionGraph& graph, MemoryTracker& mem, StageTimings* timings) {
  const auto t = std::chrono::steady_clock::now();
  ClassifyGates(in, limits, params.include_upper_bound, out.folds);
  const int nslices = static_cast<int>(limits.bounds.size()) - 1;
  graph.regions = LabelSlicesReference(out.folds, in.rays, in.gates, nslices, out.regions, mem);
  graph.sizes = RegionSizes(out.regions, in.rays * in.gates, graph.regions, mem);
  if (graph.regions >= 2) CollectEdgesReference(in, out.regions, params, graph, mem);
  timings->label_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

void MergeFused(const RegionGraph& graph, MemoryTracker& mem, MergeResult* result) {
  MergeHeap(graph, mem, result);
}

}  // namespace unfold
