// The fused variant's single pass over a sweep: classify each ray's gates into slices, label
// 4-connected regions with provisional labels and a union-find (roots are always the smallest label,
// i.e. the first-created one, which keeps scipy's numbering recoverable), and accumulate every
// gate-to-gate contact the edge search would find (direct, gap-bridged along and across rays, across
// the wrap-around seam) per pair of provisional labels. Rays are walked as runs (maximal stretches of
// adjacent gates in one slice): the contacts between two overlapping runs of neighbouring rays are
// added as one weighted sum. No per-gate allocation. Each output byte is
// written once by the pass (the classifier's stores: final for the gates that take no part, and for
// the valid gates that end with fold 0) and once more, for valid gates only, by ApplyFoldsSpans (labels;
// folds and corrected velocities only where the fold is not 0). Provisional labels go into out.regions (kUnlabelledGate
// marks a valid gate in no slice, 0 a gate that takes no part); slice codes live in a ray-sized buffer.
#pragma once

#include <cstdint>

#include "limits.h"
#include "memory.h"
#include "types.h"

namespace unfold {

struct FusedScratch {
  explicit FusedScratch(MemoryTracker& mem)
      : parent(MakeVec<std::int32_t>(mem)),
        slice(MakeVec<std::int8_t>(mem)),
        count(MakeVec<std::int32_t>(mem)),
        last_row(MakeVec<std::int32_t>(mem)),
        first_row(MakeVec<std::int32_t>(mem)),
        row_begin(MakeVec<std::int32_t>(mem)),
        row_end(MakeVec<std::int32_t>(mem)),
        codes(MakeVec<std::int8_t>(mem)),
        runs(MakeVec<Run>(mem)),
        up_runs(MakeVec<Run>(mem)),
        cache(MakeVec<CachedContact>(mem, kContactCacheSize, CachedContact{kNoPair, 0, 0.0})),
        contact_pair(MakeVec<std::uint64_t>(mem)),
        contact_weight(MakeVec<std::int32_t>(mem)),
        contact_diff(MakeVec<double>(mem)) {}

  // Per provisional label (index 0 unused).
  TVec<std::int32_t> parent;
  TVec<std::int8_t> slice;
  TVec<std::int32_t> count;  // gates
  // Per gate column: last / first ray with a labelled gate (-1 = none yet).
  TVec<std::int32_t> last_row;
  TVec<std::int32_t> first_row;
  // Per ray: the span [row_begin, row_end) holding its valid gates; empty = the ray had none and its
  // final outputs were written by the pass itself.
  TVec<std::int32_t> row_begin;
  TVec<std::int32_t> row_end;
  // Slice codes of the current ray (classify.h), [gates].
  TVec<std::int8_t> codes;
  // Runs of the current ray and of the ray before it: maximal stretches of adjacent gates in one slice
  // (one region each), in gate order, with their provisional label.
  struct Run {
    std::int32_t begin;  // first gate
    std::int32_t end;    // one past the last gate
    std::int32_t label;
    std::int8_t slice;
  };
  TVec<Run> runs;
  TVec<Run> up_runs;
  // Contacts per unordered pair of provisional labels (key: smaller << 32 | larger): weight and summed
  // velocity jump, m/s, oriented (gate of the smaller label) minus (gate of the larger). Runs of the
  // same pair accumulate in a small direct-mapped cache that spills to the lists below; a pair may
  // appear several times in the lists (edge building adds them up).
  struct CachedContact {
    std::uint64_t key;
    std::int32_t weight;
    double jump;
  };
  static constexpr std::size_t kContactCacheSize = 4096;
  static constexpr std::uint64_t kNoPair = ~std::uint64_t{0};
  TVec<CachedContact> cache;
  TVec<std::uint64_t> contact_pair;
  TVec<std::int32_t> contact_weight;
  TVec<double> contact_diff;
  // Extremes of the valid velocities seen, m/s.
  std::int64_t valid = 0;
  float min = 0.0f;
  float max = 0.0f;
};

// Provisional label of a valid gate that lies in no slice (kSliceUnlabelled).
constexpr std::int32_t kUnlabelledGate = -1;

// Runs the pass with the given limits. Returns false without finishing when it meets a valid velocity
// outside ±Vn while `abort_out_of_range` is set (the limits must then be widened first); the valid count
// and extremes of the whole sweep are then in scratch.valid/min/max, and the outputs of every ray have
// been written all the same. With `write_outputs` false the pass leaves the outputs of the gates that
// take no part as an earlier pass wrote them (it still writes the labels of the valid gates).
bool FusedPass(const SweepInput& in, const DealiasParams& params, const IntervalLimits& limits, bool abort_out_of_range,
               bool write_outputs, SweepOutput& out, FusedScratch& scratch);

// Finds the root of a provisional label (path halving).
inline std::int32_t FusedRoot(TVec<std::int32_t>& parent, std::int32_t x) {
  while (parent[static_cast<std::size_t>(x)] != x) {
    const std::int32_t grand = parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(x)])];
    parent[static_cast<std::size_t>(x)] = grand;
    x = grand;
  }
  return x;
}

}  // namespace unfold
