// Gate classification: see classify.h.
#include "classify.h"

#include <cmath>

namespace unfold {

ValidSummary ScanValidGates(const SweepInput& in) {
  ValidSummary s;
  const std::size_t n = in.rays * in.gates;
  float mn = INFINITY;
  float mx = -INFINITY;
  std::int64_t count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!IsValidGate(in, i)) continue;
    const float v = in.velocity[i];
    mn = v < mn ? v : mn;
    mx = v > mx ? v : mx;
    ++count;
  }
  s.count = count;
  s.min = mn;
  s.max = mx;
  return s;
}

void ClassifyGates(const SweepInput& in, const IntervalLimits& limits, bool include_upper_bound, std::int8_t* slice) {
  const std::size_t n = in.rays * in.gates;
  const float* bounds = limits.bounds_f32.data();
  const int nbounds = static_cast<int>(limits.bounds_f32.size());
  for (std::size_t i = 0; i < n; ++i) {
    slice[i] = IsValidGate(in, i) ? SliceOf(in.velocity[i], bounds, nbounds, include_upper_bound) : kSliceMissing;
  }
}

}  // namespace unfold
