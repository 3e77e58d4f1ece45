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

// One gate that took part: fold from its region (label 0 = Py-ART's label-0 slot), counts. The fused
// pass left the fold-0 outputs in place (folds 0, corrected v + 0.0f, which is float32(float64(v) + 0)
// bit for bit, -0 included): most gates of a sweep keep fold 0 and their lines are neither read for
// ownership nor written back again.
inline void ApplyGate(std::size_t i, std::int32_t label, const float* velocity, float top, bool has_top,
                      const TVec<std::int64_t>* unwrap, double nyquist, SweepOutput& out, ApplyCounts& counts) {
  if (label == 0) {
    ++counts.unlabelled_valid;
    if (has_top && velocity[i] == top) ++counts.unlabelled_at_top;
  }
  const std::int64_t fold = unwrap != nullptr ? (*unwrap)[static_cast<std::size_t>(label)] : 0;
  if (fold == 0) return;
  ++counts.gates_changed;
  std::int64_t saturated = fold;
  if (fold > 127 || fold < -127) {
    ++counts.fold_overflow;
    saturated = fold > 0 ? 127 : -127;
  }
  out.folds[i] = static_cast<std::int8_t>(saturated);
  out.corrected[i] = CorrectedVelocity(velocity[i], fold, nyquist);
}

// First index in [g, end) whose label is not 0 (a gate that takes part), 8 labels at a time over the
// stretches of gates that take no part; `end` if there is none.
inline std::size_t SkipNoPart(const std::int32_t* labels, std::size_t g, std::size_t end) {
  while (g + 8 <= end) {
    std::uint64_t eight[4];
    __builtin_memcpy(eight, labels + g, 32);
    if ((eight[0] | eight[1] | eight[2] | eight[3]) != 0) break;
    g += 8;
  }
  while (g < end && labels[g] == 0)
    ++g;
  return g;
}

}  // namespace

ApplyCounts ApplyFoldsSpans(const SweepInput& in, const IntervalLimits& limits, const TVec<std::int64_t>* unwrap,
                            const TVec<std::int32_t>& label_map, const TVec<std::int32_t>& row_begin,
                            const TVec<std::int32_t>& row_end, SweepOutput& out) {
  ApplyCounts counts;
  const bool has_top = !limits.bounds_f32.empty();
  const float top = has_top ? limits.bounds_f32.back() : 0.0f;
  for (std::size_t r = 0; r < in.rays; ++r) {
    const auto end = static_cast<std::size_t>(row_end[r]);
    const std::size_t row = r * in.gates;
    std::int32_t* labels = out.regions + row;
    if (r + 1 < in.rays) {
      // The next ray's span is short (a few hundred gates in sparse sweeps, long evicted): too short
      // for the hardware prefetcher to ramp up, so its label lines are requested a ray ahead.
      const std::int32_t* next = out.regions + row + in.gates;
      for (auto g = static_cast<std::size_t>(row_begin[r + 1]); g < static_cast<std::size_t>(row_end[r + 1]); g += 16)
        __builtin_prefetch(next + g);
    }
    for (auto g = static_cast<std::size_t>(row_begin[r]); g < end; ++g) {
      g = SkipNoPart(labels, g, end);
      if (g == end) break;
      const std::int32_t provisional = labels[g];
      const std::int32_t label = provisional > 0 ? label_map[static_cast<std::size_t>(provisional)] : 0;
      labels[g] = label;
      ApplyGate(row + g, label, in.velocity, top, has_top, unwrap, in.nyquist, out, counts);
    }
  }
  return counts;
}

}  // namespace unfold
