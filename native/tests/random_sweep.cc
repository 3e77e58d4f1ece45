// Random sweep generator: see random_sweep.h.
#include "random_sweep.h"

#include <cmath>

namespace unfold_test {

namespace {

float Fold(double v, double nyquist) {
  const double interval = 2.0 * nyquist;
  return static_cast<float>(v - interval * std::floor((v + nyquist) / interval));
}

}  // namespace

RandomCase MakeRandomCase(std::uint64_t seed, std::size_t max_side, bool params_vary) {
  std::mt19937_64 rng(seed);
  auto uniform = [&rng](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
  auto chance = [&rng](double p) { return std::uniform_real_distribution<double>(0.0, 1.0)(rng) < p; };
  RandomCase c;
  c.rays = static_cast<std::size_t>(rng() % (max_side + 1));
  c.gates = static_cast<std::size_t>(rng() % (max_side + 1));
  const double nyquists[] = {10.0, 7.6095, 26.62, 0.5, 1e-3, 250.0, 3.3};
  c.nyquist = nyquists[rng() % 7];
  const double truth_scale = c.nyquist * uniform(0.2, 3.5);
  const double kx = uniform(0.0, 0.4);
  const double ky = uniform(0.0, 0.2);
  const double noise = chance(0.3) ? uniform(0.0, 2.0) * c.nyquist : uniform(0.0, 0.1) * c.nyquist;
  const double quantum = chance(0.4) ? c.nyquist / static_cast<double>(1 + rng() % 64) : 0.0;
  const double hole_rate = chance(0.5) ? uniform(0.0, 0.6) : 0.0;
  c.velocity.resize(c.rays * c.gates);
  for (std::size_t r = 0; r < c.rays; ++r) {
    for (std::size_t g = 0; g < c.gates; ++g) {
      double v =
          truth_scale * std::sin(kx * static_cast<double>(g) + ky * static_cast<double>(r)) + uniform(-noise, noise);
      if (quantum > 0) v = quantum * std::round(v / quantum);
      float f = Fold(v, c.nyquist);
      if (chance(0.02)) f = static_cast<float>(chance(0.5) ? c.nyquist : -c.nyquist);  // exactly ±Vn
      if (chance(0.01)) f = static_cast<float>(uniform(-3.0, 3.0) * c.nyquist);        // out of range
      if (chance(hole_rate)) f = NAN;
      if (chance(0.002)) f = chance(0.5) ? INFINITY : -INFINITY;
      c.velocity[r * c.gates + g] = f;
    }
  }
  if (chance(0.3)) {
    c.excluded.resize(c.velocity.size());
    for (auto& e : c.excluded)
      e = chance(0.2) ? 1 : 0;
  }
  unfold::DealiasParams& p = c.params;
  p.rays_wrap_around = chance(0.5);
  if (params_vary) {
    p.interval_splits = 1 + static_cast<int>(rng() % 6);
    const int skips[] = {0, 1, 3, 100};
    p.skip_between_rays = skips[rng() % 4];
    p.skip_along_ray = skips[rng() % 4];
    p.centered = chance(0.8);
    p.keep_original = chance(0.2);
    p.fix_out_of_range_widening = chance(0.3);
    p.include_upper_bound = chance(0.3);
    p.unfold_excluded_gates = chance(0.2);
    if (chance(0.1)) p.interval_limits = {-c.nyquist, -c.nyquist / 4, c.nyquist / 2, c.nyquist};
  }
  return c;
}

}  // namespace unfold_test
