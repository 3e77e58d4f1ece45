// Centering and application of folds: see unwrap.h.
#include "unwrap.h"

#include <algorithm>
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

namespace {

// One gate that took part: fold from its region (label 0 = Py-ART's label-0 slot), counts.
inline void ApplyGate(std::size_t i, std::int32_t label, float v, float top, bool has_top,
                      const TVec<std::int64_t>* unwrap, double nyquist, SweepOutput& out, ApplyCounts& counts) {
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
  out.corrected[i] = CorrectedVelocity(v, fold, nyquist);
}

// Corrected values of gates [from, to) that take no part: NaN, or the original with keep_original.
inline void MissingValues(const float* v, std::size_t from, std::size_t to, bool keep, float* corrected) {
  if (keep) {
    std::copy(v + from, v + to, corrected + from);
  } else {
    std::fill(corrected + from, corrected + to, NAN);
  }
}

}  // namespace

ApplyCounts ApplyFoldsSpans(const SweepInput& in, const DealiasParams& params, const IntervalLimits& limits,
                            const TVec<std::int64_t>* unwrap, const TVec<std::int32_t>& label_map,
                            const TVec<std::int32_t>& row_begin, const TVec<std::int32_t>& row_end, SweepOutput& out) {
  ApplyCounts counts;
  const bool has_top = !limits.bounds_f32.empty();
  const float top = has_top ? limits.bounds_f32.back() : 0.0f;
  const bool keep = params.keep_original;
  for (std::size_t r = 0; r < in.rays; ++r) {
    const auto begin = static_cast<std::size_t>(row_begin[r]);
    const auto end = static_cast<std::size_t>(row_end[r]);
    if (begin == end) continue;
    const std::size_t row = r * in.gates;
    const float* v = in.velocity + row;
    float* corrected = out.corrected + row;
    MissingValues(v, 0, begin, keep, corrected);
    MissingValues(v, end, in.gates, keep, corrected);
    std::fill(out.folds + row, out.folds + row + begin, 0);
    std::fill(out.folds + row + end, out.folds + row + in.gates, 0);
    for (std::size_t g = begin; g < end; ++g) {
      const std::size_t i = row + g;
      if (out.folds[i] == kSliceMissing) {  // the whole missing stretch at once
        const std::size_t next = SkipMissing(out.folds + row, g, end);
        std::fill(out.folds + i, out.folds + row + next, 0);
        MissingValues(v, g, next, keep, corrected);
        g = next - 1;
        continue;
      }
      const std::int32_t label = label_map[static_cast<std::size_t>(out.regions[i])];
      out.regions[i] = label;
      ApplyGate(i, label, v[g], top, has_top, unwrap, in.nyquist, out, counts);
    }
  }
  return counts;
}

}  // namespace unfold
