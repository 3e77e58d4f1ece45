// Orchestrates the stages of one sweep (guide §2): classify gates and compute interval limits,
// label regions, collect edges, merge, centre, apply. The variants differ in the label/edge front
// end (reference or fused) and in the merge structure.
#include "dealias.h"

#include <chrono>
#include <cmath>
#include <string>

#include "classify.h"
#include "edges.h"
#include "fused.h"
#include "labelling.h"
#include "limits.h"
#include "merge.h"
#include "neighbour_fill.h"
#include "unwrap.h"

namespace unfold {

const char* EngineVersion() {
  return "unfold-native 1.0.0";
}

namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

[[noreturn]] void Fail(ErrorCode code, const std::string& message) {
  throw EngineError(code, message);
}

void ValidateParams(const DealiasParams& p) {
  if (p.interval_limits.empty() && (p.interval_splits < 1 || p.interval_splits > kMaxSlices)) {
    Fail(ErrorCode::kInvalidInput, "invalid parameter intervalSplits: expected an integer in [1, " +
                                       std::to_string(kMaxSlices) + "], got " + std::to_string(p.interval_splits));
  }
  if (!p.interval_limits.empty()) {
    if (p.interval_limits.size() < 2 || p.interval_limits.size() > kMaxSlices + 1) {
      Fail(ErrorCode::kInvalidInput, "invalid parameter intervalLimits: expected 2 to " +
                                         std::to_string(kMaxSlices + 1) + " values, got " +
                                         std::to_string(p.interval_limits.size()));
    }
    for (std::size_t k = 0; k < p.interval_limits.size(); ++k) {
      if (!std::isfinite(p.interval_limits[k]) || (k > 0 && p.interval_limits[k] < p.interval_limits[k - 1])) {
        Fail(ErrorCode::kInvalidInput, "invalid parameter intervalLimits: expected finite, non-decreasing values");
      }
    }
  }
  if (p.skip_between_rays < 0 || p.skip_along_ray < 0) {
    Fail(ErrorCode::kInvalidInput, "invalid parameter skipBetweenRays/skipAlongRay: expected integers >= 0");
  }
}

}  // namespace

void ValidateSweep(const SweepInput& in, const DealiasParams& params) {
  if (in.rays > 0 && in.gates > (std::size_t{1} << 31) / in.rays) {
    Fail(ErrorCode::kShapeMismatch, "invalid shape: rays x gates must stay below 2^31, got " + std::to_string(in.rays) +
                                        " x " + std::to_string(in.gates));
  }
  if (in.rays * in.gates > 0 && in.velocity == nullptr) Fail(ErrorCode::kInvalidInput, "velocity is missing");
  if (!std::isfinite(in.nyquist) || !(in.nyquist > 0.0)) {
    Fail(ErrorCode::kInvalidNyquist,
         "invalid parameter nyquist: expected a finite velocity > 0 m/s, got " + std::to_string(in.nyquist));
  }
  ValidateParams(params);
}

SweepStats DealiasSweep(const SweepInput& in, const DealiasParams& params, Variant variant, SweepOutput& out) {
  const auto start = Clock::now();
  ValidateSweep(in, params);
  SweepStats stats;
  stats.variant = variant;
  const std::size_t n = in.rays * in.gates;
  if (n == 0) return stats;  // documented no-op: nothing to dealias
  MemoryTracker mem(params.memory_budget_bytes);

  auto t = Clock::now();
  RegionGraph graph(mem);
  FusedResult fused(mem);
  if (variant == Variant::kFused) {
    FusedFrontEnd(in, params, out, graph, &fused, mem, &stats.timings);
  } else {
    fused.summary = ScanValidGates(in);
    fused.limits = ComputeIntervalLimits(params, in.nyquist, fused.summary);
    CheckSliceCount(fused.limits, in.nyquist);
    const int nslices = static_cast<int>(fused.limits.bounds.size()) - 1;
    ClassifyGates(in, fused.limits, params.include_upper_bound, out.folds);  // folds is scratch until ApplyFolds
    graph.regions = LabelSlicesReference(out.folds, in.rays, in.gates, nslices, out.regions, mem);
    graph.sizes = RegionSizes(out.regions, n, graph.regions, mem);
    stats.timings.label_ms = MsSince(t);
    t = Clock::now();
    if (graph.regions >= 2) CollectEdgesReference(in, out.regions, params, graph, mem);
    stats.timings.edges_ms = MsSince(t);
  }
  const IntervalLimits& limits = fused.limits;
  stats.valid_gates = fused.summary.count;
  stats.interval_limits = limits.bounds;
  if (limits.out_of_nyquist) {
    stats.warnings.push_back({"out-of-nyquist",
                              "velocities outside the Nyquist interval (±" + std::to_string(in.nyquist) +
                                  " m/s) found: interval limits widened",
                              -1});
  }
  stats.regions = graph.regions;
  stats.edges = static_cast<std::int64_t>(graph.edge_count());

  t = Clock::now();
  MergeResult merged(mem);
  const bool skipped = graph.regions < 2 || graph.edge_count() == 0;  // Py-ART leaves such sweeps as they are
  if (!skipped) {
    switch (variant) {
      case Variant::kDense:
        MergeDense(graph, mem, &merged);
        break;
      case Variant::kSparse:
        MergeSparse(graph, mem, &merged);
        break;
      case Variant::kHeap:
        MergeHeap(graph, mem, &merged);
        break;
      case Variant::kFused:
        MergeFused(graph, mem, &merged);
        break;
    }
    if (params.centered) CenterFolds(graph.sizes, merged.unwrap);
  }
  stats.merges = merged.merges;
  stats.timings.merge_ms = MsSince(t);

  t = Clock::now();
  const TVec<std::int64_t>* unwrap = skipped ? nullptr : &merged.unwrap;
  const ApplyCounts counts = variant == Variant::kFused ? ApplyFoldsSpans(in, limits, unwrap, fused.label_map,
                                                                          fused.row_begin, fused.row_end, out)
                                                        : ApplyFolds(in, params, limits, unwrap, nullptr, out);
  if (params.unfold_excluded_gates) stats.filled_gates = FillFromNeighbours(in, params, out, mem);
  stats.timings.unwrap_ms = MsSince(t);

  stats.gates_changed = counts.gates_changed;
  if (stats.filled_gates > 0) {  // filled gates may have changed fold: count the final output
    stats.gates_changed = 0;
    for (std::size_t i = 0; i < n; ++i)
      stats.gates_changed += out.folds[i] != 0 ? 1 : 0;
  }
  stats.unlabelled_valid_gates = counts.unlabelled_valid;
  if (counts.unlabelled_at_top > 0) {
    stats.warnings.push_back({"upper-bound-gates",
                              std::to_string(counts.unlabelled_at_top) +
                                  " valid gates lie exactly on the top interval limit and belong to no region "
                                  "(left undealiased; see includeUpperBound)",
                              counts.unlabelled_at_top});
  }
  if (counts.unlabelled_valid > counts.unlabelled_at_top) {
    const std::int64_t others = counts.unlabelled_valid - counts.unlabelled_at_top;
    stats.warnings.push_back({"unlabelled-gates",
                              std::to_string(others) +
                                  " valid gates fall outside every interval slice and are left undealiased "
                                  "(see fixOutOfRangeWidening)",
                              others});
  }
  if (counts.fold_overflow > 0) {
    stats.warnings.push_back(
        {"fold-overflow",
         std::to_string(counts.fold_overflow) + " gates have a fold number beyond ±127: the folds output is saturated",
         counts.fold_overflow});
  }
  stats.engine_bytes_peak = mem.peak_bytes();
  stats.timings.total_ms = MsSince(start);
  return stats;
}

}  // namespace unfold
