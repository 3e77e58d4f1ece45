// Gate classification, the first stage of every variant: which gates take part (finite velocity,
// not excluded) and which slice of the interval limits each one falls into. Py-ART compares the
// float32 velocities with the limits cast to float32 (numpy's legacy scalar casting), lower bound
// inclusive, upper bound exclusive.
#pragma once

#include <cstddef>
#include <cstdint>

#include "limits.h"
#include "types.h"

namespace unfold {

// Slice codes written per gate by ClassifyGates.
constexpr std::int8_t kSliceMissing = -1;     // excluded, NaN or ±inf: takes no part
constexpr std::int8_t kSliceUnlabelled = -2;  // valid but outside every slice (e.g. exactly +Vn)
constexpr int kMaxSlices = 127;

// True when the gate takes part in dealiasing.
inline bool IsValidGate(const SweepInput& in, std::size_t i) {
  const float v = in.velocity[i];
  return (v - v) == 0.0f && (in.excluded == nullptr || in.excluded[i] == 0);
}

ValidSummary ScanValidGates(const SweepInput& in);

// First index in [g, end) whose slice code is not kSliceMissing, stepping 8 codes at a time over
// missing stretches (0xFF bytes); `end` if there is none.
inline std::size_t SkipMissing(const std::int8_t* codes, std::size_t g, std::size_t end) {
  while (g + 8 <= end) {
    std::uint64_t eight;
    __builtin_memcpy(&eight, codes + g, 8);
    if (eight != ~std::uint64_t{0}) break;
    g += 8;
  }
  while (g < end && codes[g] == kSliceMissing)
    ++g;
  return g;
}

// Writes one slice code per gate into `slice` (rays*gates). With include_upper_bound a value equal
// to the top limit belongs to the top slice.
void ClassifyGates(const SweepInput& in, const IntervalLimits& limits, bool include_upper_bound, std::int8_t* slice);

// Slice of one valid value (kSliceUnlabelled if none); limits as float32, non-decreasing.
inline std::int8_t SliceOf(float v, const float* bounds, int nbounds, bool include_upper_bound) {
  int count = 0;
  for (int k = 0; k < nbounds; ++k)
    count += (v >= bounds[k]) ? 1 : 0;
  int s = count - 1;
  if (s == nbounds - 1 && include_upper_bound && v == bounds[nbounds - 1]) s = nbounds - 2;
  return (s >= 0 && s < nbounds - 1) ? static_cast<std::int8_t>(s) : kSliceUnlabelled;
}

}  // namespace unfold
