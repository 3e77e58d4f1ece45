// Interval limits: see limits.h. Py-ART's arithmetic is reproduced exactly because a boundary that
// moves by one float32 ulp changes which slice a quantised velocity falls into.
#include "limits.h"

#include <cmath>
#include <limits>
#include <string>

#include "classify.h"
#include "errors.h"

namespace unfold {

std::vector<double> Linspace(double start, double stop, std::int64_t num) {
  std::vector<double> y;
  if (num <= 0) return y;
  y.resize(static_cast<std::size_t>(num));
  const std::int64_t div = num - 1;
  const double delta = stop - start;
  if (div > 0) {
    const double step = delta / static_cast<double>(div);
    for (std::int64_t i = 0; i < num; ++i) {
      const double fi = static_cast<double>(i);
      // numpy divides first when the step underflows to zero (gh-5437).
      y[static_cast<std::size_t>(i)] = (step == 0.0 ? (fi / static_cast<double>(div)) * delta : fi * step) + start;
    }
    y.back() = stop;
  } else {
    y[0] = 0.0 * delta + start;
  }
  return y;
}

namespace {

// Python's int(np.ceil(x)) for the widening counts, clamped so absurd Nyquists cannot overflow.
int CeilToInt(double x) {
  if (std::isnan(x)) return 0;
  const double c = std::ceil(x);
  if (c > 1e6) return 1000000;
  if (c < -1e6) return -1000000;
  return static_cast<int>(c);
}

// Fixed widening: enough slices that the extreme value lies strictly inside the range.
int SlicesToCover(double excess, double width) {
  if (!(excess > 0.0)) return 0;
  return CeilToInt(std::floor(excess / width) + 1.0);
}

void FillF32(IntervalLimits* limits) {
  limits->bounds_f32.clear();
  for (double b : limits->bounds)
    limits->bounds_f32.push_back(static_cast<float>(b));
}

}  // namespace

IntervalLimits ComputeIntervalLimits(const DealiasParams& params, double nyquist, const ValidSummary& summary) {
  IntervalLimits limits;
  if (summary.count > 0) {
    limits.out_of_nyquist = static_cast<double>(summary.max) > nyquist || static_cast<double>(summary.min) < -nyquist;
  }
  if (!params.interval_limits.empty()) {
    limits.bounds = params.interval_limits;  // used as given, no widening (Py-ART)
    FillF32(&limits);
    return limits;
  }
  const double width = (2.0 * nyquist) / static_cast<double>(params.interval_splits);
  int add_start = 0;
  int add_end = 0;
  if (limits.out_of_nyquist) {
    const double max_v = static_cast<double>(summary.max);
    const double min_v = static_cast<double>(summary.min);
    if (params.fix_out_of_range_widening) {
      // Slices below -Vn are added for the minimum, above +Vn for the maximum.
      add_start = SlicesToCover(-nyquist - min_v, width);
      add_end = SlicesToCover(max_v - nyquist, width);
    } else {
      // Py-ART: the count derived from the maximum is added below -Vn and vice versa (guide §2.1).
      add_start = CeilToInt((max_v - nyquist) / width);
      add_end = CeilToInt(-(min_v + nyquist) / width);
    }
  }
  for (int attempt = 0;; ++attempt) {
    const double start = -nyquist - add_start * width;
    const double end = nyquist + add_end * width;
    const std::int64_t num = static_cast<std::int64_t>(params.interval_splits) + 1 + add_start + add_end;
    limits.bounds = Linspace(start, end, num);
    FillF32(&limits);
    if (!params.fix_out_of_range_widening || !limits.out_of_nyquist || attempt == 2 || limits.bounds_f32.empty()) break;
    // The fixed widening must hold after the float32 cast too: lowest bound <= min, max < highest bound.
    const bool low_ok = summary.min >= -static_cast<float>(nyquist) || limits.bounds_f32.front() <= summary.min;
    const bool high_ok = summary.max <= static_cast<float>(nyquist) || summary.max < limits.bounds_f32.back();
    if (low_ok && high_ok) break;
    if (!low_ok) ++add_start;
    if (!high_ok) ++add_end;
  }
  limits.added_below = add_start;
  limits.added_above = add_end;
  return limits;
}

void CheckSliceCount(const IntervalLimits& limits, double nyquist) {
  const auto nslices = static_cast<std::int64_t>(limits.bounds.size()) - 1;
  if (nslices > kMaxSlices) {
    throw EngineError(ErrorCode::kInvalidInput, "velocities far outside the Nyquist interval (±" +
                                                    std::to_string(nyquist) + " m/s) would need " +
                                                    std::to_string(nslices) + " slices (at most " +
                                                    std::to_string(kMaxSlices) + "): check the Nyquist velocity");
  }
}

}  // namespace unfold
