// Slice boundaries ("interval limits") of one sweep, as Py-ART's _find_sweep_interval_splits
// computes them (numpy.linspace arithmetic in float64), with Unfold's opt-in fix for one-sided
// out-of-range velocities. Also the valid-gate summary the limits depend on.
#pragma once

#include <cstdint>
#include <vector>

#include "types.h"

namespace unfold {

// Count and extremes of the gates that take part (finite and not excluded).
struct ValidSummary {
  std::int64_t count = 0;
  float min = 0.0f;  // m/s, meaningful when count > 0
  float max = 0.0f;  // m/s
};

struct IntervalLimits {
  std::vector<double> bounds;     // m/s, float64 as numpy computes them (for reporting)
  std::vector<float> bounds_f32;  // the same cast to float32: Py-ART compares float32 data with them
  bool out_of_nyquist = false;    // valid velocities beyond ±Vn were found
  int added_below = 0;            // slices added below -Vn (Py-ART's add_start)
  int added_above = 0;            // slices added above +Vn (Py-ART's add_end)
};

// numpy.linspace(start, stop, num) with endpoint=True, reproduced operation by operation.
std::vector<double> Linspace(double start, double stop, std::int64_t num);

// Py-ART's limits for one sweep, or the explicit params.interval_limits when given.
IntervalLimits ComputeIntervalLimits(const DealiasParams& params, double nyquist, const ValidSummary& summary);

// Throws EngineError(kInvalidInput) when the limits make more slices than the engine supports
// (velocities hundreds of Nyquist intervals out of range: almost surely a wrong Nyquist).
void CheckSliceCount(const IntervalLimits& limits, double nyquist);

}  // namespace unfold
