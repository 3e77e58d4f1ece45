// Random sweeps for the C++ tests and the fuzz harness: folded smooth winds, speckle noise, quantised
// values, values exactly at ±Vn, NaN/±inf holes, excluded masks, odd shapes and Nyquists, and random
// engine parameters. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "../core/types.h"

namespace unfold_test {

struct RandomCase {
  std::size_t rays = 0;
  std::size_t gates = 0;
  double nyquist = 10.0;  // m/s
  std::vector<float> velocity;
  std::vector<std::uint8_t> excluded;  // empty = none
  unfold::DealiasParams params;

  unfold::SweepInput Input() const {
    unfold::SweepInput in;
    in.velocity = velocity.data();
    in.excluded = excluded.empty() ? nullptr : excluded.data();
    in.rays = rays;
    in.gates = gates;
    in.nyquist = nyquist;
    return in;
  }
};

// `max_side` bounds rays and gates; `params_vary` randomises the engine parameters too.
RandomCase MakeRandomCase(std::uint64_t seed, std::size_t max_side, bool params_vary);

}  // namespace unfold_test
