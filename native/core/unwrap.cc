// Centering and application of folds: see unwrap.h.
#include "unwrap.h"

#include <cmath>

#include "classify.h"

namespace unfold {

std::int64_t CenterFolds(const TVec<std::int32_t>& sizes, TVec<std::int64_t>& unwrap) {
  std::int64_t gates = 0;
  std::int64_t total = 0;
  for (std::size_t r = 1; r < sizes.size(); ++r) {
    gates += sizes[r];
    total += static_cast<std::int64_t>(sizes[r]) * unwrap[r];
  }
  if (gates == 0) return 0;
  // Python: int(round(float(total_folds) / gates_dealiased)), halves to even.
  const auto offset =
      static_cast<std::int64_t>(std::nearbyint(static_cast<double>(total) / static_cast<double>(gates)));
  if (offset != 0) {
    for (auto& u : unwrap)
      u -= offset;
  }
  return offset;
}

ApplyCounts ApplyFolds(const SweepInput& in, const DealiasParams& params, const IntervalLimits& limits,
                       const TVec<std::int64_t>* unwrap, const TVec<std::int32_t>* label_map, SweepOutput& out) {
  ApplyCounts counts;
  const std::size_t n = in.rays * in.gates;
  const bool has_top = !limits.bounds_f32.empty();
  const float top = has_top ? limits.bounds_f32.back() : 0.0f;
  for (std::size_t i = 0; i < n; ++i) {
    const float v = in.velocity[i];
    if (!IsValidGate(in, i)) {
      out.folds[i] = 0;
      out.corrected[i] = params.keep_original ? v : NAN;
      continue;
    }
    std::int32_t label = out.regions[i];
    if (label_map != nullptr) {
      label = (*label_map)[static_cast<std::size_t>(label)];
      out.regions[i] = label;
    }
    if (label == 0) {
      ++counts.unlabelled_valid;
      if (has_top && v == top) ++counts.unlabelled_at_top;
    }
    const std::int64_t fold = unwrap != nullptr ? (*unwrap)[static_cast<std::size_t>(label)] : 0;
    if (fold != 0) ++counts.gates_changed;
    std::int64_t saturated = fold;
    if (fold > 127 || fold < -127) {
      ++counts.fold_overflow;
      saturated = fold > 0 ? 127 : -127;
    }
    out.folds[i] = static_cast<std::int8_t>(saturated);
    out.corrected[i] = CorrectedVelocity(v, fold, in.nyquist);
  }
  return counts;
}

}  // namespace unfold
