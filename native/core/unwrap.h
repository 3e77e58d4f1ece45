// The last stage: centering (guide §2.6) and applying the region fold numbers to the gates (§2.7),
// with the counts the statistics report.
#pragma once

#include <cstdint>

#include "graph.h"
#include "limits.h"
#include "types.h"

namespace unfold {

// Subtracts round(gate-weighted mean fold) from every slot, label-0 slot included, as Py-ART does.
// Returns the offset subtracted.
std::int64_t CenterFolds(const TVec<std::int32_t>& sizes, TVec<std::int64_t>& unwrap);

struct ApplyCounts {
  std::int64_t gates_changed = 0;      // valid gates with a non-zero fold
  std::int64_t unlabelled_valid = 0;   // valid gates in no region
  std::int64_t unlabelled_at_top = 0;  // ... of which exactly at the top limit
  std::int64_t fold_overflow = 0;      // gates whose fold did not fit the int8 output (saturated)
};

// Writes corrected velocities and folds. `unwrap` null = the sweep was skipped (all folds 0).
// `label_map` (optional) renumbers out.regions first (the fused variant's provisional labels).
ApplyCounts ApplyFolds(const SweepInput& in, const DealiasParams& params, const IntervalLimits& limits,
                       const TVec<std::int64_t>* unwrap, const TVec<std::int32_t>* label_map, SweepOutput& out);

// ApplyFolds for the fused variant, which wrote the final outputs of every gate that takes no part
// already: only the valid gates are visited, in the rays' spans [row_begin, row_end). out.regions tells
// them apart: 0 = takes no part, kUnlabelledGate = valid in no slice, > 0 = a provisional label,
// renumbered through `label_map`.
ApplyCounts ApplyFoldsSpans(const SweepInput& in, const IntervalLimits& limits, const TVec<std::int64_t>* unwrap,
                            const TVec<std::int32_t>& label_map, const TVec<std::int32_t>& row_begin,
                            const TVec<std::int32_t>& row_end, SweepOutput& out);

// Corrected velocity as Py-ART computes it: float32(float64(v) + fold * 2 * Vn).
inline float CorrectedVelocity(float v, std::int64_t fold, double nyquist) {
  return static_cast<float>(static_cast<double>(v) + static_cast<double>(fold) * (2.0 * nyquist));
}

}  // namespace unfold
