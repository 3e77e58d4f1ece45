// Interval limits against numpy: expected values computed with numpy 1.24 (np.linspace and Py-ART's
// _find_sweep_interval_splits arithmetic), written as exact hexadecimal doubles.
#include <cmath>
#include <vector>

#include "../core/limits.h"
#include "check.h"

using unfold::ComputeIntervalLimits;
using unfold::DealiasParams;
using unfold::ValidSummary;

namespace {

bool SameDoubles(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

ValidSummary Summary(float mn, float mx) {
  return ValidSummary{1, mn, mx};
}

}  // namespace

TEST(linspace_matches_numpy) {
  CHECK(SameDoubles(unfold::Linspace(-1.0, 2.0, 7), {-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0}));
  CHECK(SameDoubles(unfold::Linspace(3.0, 3.0, 1), {3.0}));
  CHECK(unfold::Linspace(0.0, 1.0, 0).empty());
}

TEST(limits_without_widening) {
  DealiasParams p;
  const auto l = ComputeIntervalLimits(p, 10.0, Summary(-5.0f, 5.0f));
  CHECK(SameDoubles(l.bounds, {-0x1.4p+3, -0x1.aaaaaaaaaaaaap+1, 0x1.aaaaaaaaaaaacp+1, 0x1.4p+3}));
  CHECK(!l.out_of_nyquist);
  CHECK_EQ(l.bounds_f32.size(), std::size_t{4});
}

TEST(limits_widened_like_pyart_klix_sweep9) {
  // KLIX sweep 9: Vn 27.41 (float32), two gates at -27.5 and none above +Vn.
  DealiasParams p;
  const auto l = ComputeIntervalLimits(p, static_cast<double>(27.41f), Summary(-27.5f, 27.0f));
  CHECK(l.out_of_nyquist);
  CHECK(SameDoubles(
      l.bounds, {-0x1.b68f5cp+4, -0x1.245f92aaaaaaap+3, 0x1.245f92aaaaaacp+3, 0x1.b68f5cp+4, 0x1.6d77775555556p+5}));
}

TEST(limits_swapped_sides_and_fix) {
  DealiasParams p;
  // Values in [-5, 12] with Vn 10: Py-ART widens below -Vn, leaving 12 m/s outside every slice.
  const auto l = ComputeIntervalLimits(p, 10.0, Summary(-5.0f, 12.0f));
  CHECK(
      SameDoubles(l.bounds, {-0x1.0aaaaaaaaaaabp+4, -0x1.4p+3, -0x1.aaaaaaaaaaaacp+1, 0x1.aaaaaaaaaaaa8p+1, 0x1.4p+3}));
  p.fix_out_of_range_widening = true;
  const auto fixed = ComputeIntervalLimits(p, 10.0, Summary(-5.0f, 12.0f));
  CHECK_EQ(fixed.added_below, 0);
  CHECK_EQ(fixed.added_above, 1);
  CHECK(fixed.bounds_f32.back() > 12.0f);
  CHECK(fixed.bounds_f32.front() == -10.0f);
}

TEST(limits_negative_widening_counts_like_pyart) {
  // All values below -Vn: Py-ART's add_start is negative and the range moves above +Vn.
  DealiasParams p;
  const auto l = ComputeIntervalLimits(p, 10.0, Summary(-20.0f, -15.0f));
  CHECK(SameDoubles(l.bounds, {0x1.4p+3, 0x1.0aaaaaaaaaaabp+4, 0x1.7555555555556p+4}));
}

TEST(limits_fix_covers_values_on_a_boundary) {
  // A maximum exactly on a would-be boundary must still fall inside the top slice.
  DealiasParams p;
  p.fix_out_of_range_widening = true;
  const float vmax = static_cast<float>(10.0 + 20.0 / 3.0);
  const auto l = ComputeIntervalLimits(p, 10.0, Summary(-3.0f, vmax));
  CHECK(l.bounds_f32.back() > vmax);
}

TEST(limits_explicit_are_used_as_given) {
  DealiasParams p;
  p.interval_limits = {-10.0, 0.0, 10.0};
  const auto l = ComputeIntervalLimits(p, 10.0, Summary(-30.0f, 30.0f));
  CHECK(SameDoubles(l.bounds, {-10.0, 0.0, 10.0}));
  CHECK(l.out_of_nyquist);
}
