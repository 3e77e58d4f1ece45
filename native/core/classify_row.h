// Vectorised classification of one ray for the fused variant: slice codes (see classify.h), the
// valid-velocity extremes, the number of valid gates and the span [begin, end) that holds them. AVX2
// when the CPU has it, SSE4.1 otherwise on x86-64 (the x86-64-v2 baseline), scalar elsewhere; up to
// 8 interval limits in the vector paths (3 slices plus 4 widenings), a scalar loop beyond.
#pragma once

#include <cstddef>
#include <cstdint>

#include "limits.h"

namespace unfold {

struct RowClassifier {
  RowClassifier(const IntervalLimits& limits, bool include_upper_bound);

  float bounds[8];  // padded with +inf
  const float* all_bounds;
  int nbounds;
  int nslices;
  bool vector_ok;  // nbounds <= 8
  bool include_upper;
  float top;
  bool avx2;  // chosen once per sweep from the CPU
};

struct RowSummary {
  std::int64_t valid = 0;
  std::size_t begin = 0;  // first valid gate (begin == end: none)
  std::size_t end = 0;    // one past the last valid gate
};

// Final outputs of the gates that take no part, written while the ray streams through the classifier
// (each output byte of a ray is then written once more at most, by the later stages, and only for
// valid gates): corrected = NaN (the velocity with keep_original), folds = 0, regions = 0. The
// valid gates get the same stores as placeholders, which are their final outputs if their fold is 0
// (corrected = velocity + 0.0f, i.e. -0 becomes +0 as in float32(float64(v) + 0 * 2Vn); folds and
// regions 0).
struct RowOutputs {
  float* corrected;
  std::int8_t* folds;
  std::int32_t* regions;
  bool keep_original;
  bool zero_filled;  // SweepOutput::zero_filled: folds and regions are skipped where a vector holds no valid gate
};

// Classifies gates [0, n) into `codes`; with `outputs` (not null) also writes their placeholders.
RowSummary ClassifyRow(const RowClassifier& c, const float* velocity, const std::uint8_t* excluded, std::size_t n,
                       std::int8_t* codes, float* min_io, float* max_io, const RowOutputs* outputs);

}  // namespace unfold
