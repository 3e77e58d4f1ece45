// Neighbour fill of excluded-but-finite and unlabelled gates: see neighbour_fill.h.
#include "neighbour_fill.h"

#include <cmath>

namespace unfold {

namespace {

constexpr int kPasses = 8;
constexpr int kRayReach = 1;   // rays either side
constexpr int kGateReach = 2;  // gates either side

enum GateState : std::uint8_t { kNone = 0, kReference = 1, kCandidate = 2 };

}  // namespace

std::int64_t FillFromNeighbours(const SweepInput& in, const DealiasParams& params, SweepOutput& out,
                                MemoryTracker& mem) {
  const std::size_t n = in.rays * in.gates;
  auto state = MakeVec<std::uint8_t>(mem, n, kNone);
  auto candidates = MakeVec<std::uint32_t>(mem);
  for (std::size_t i = 0; i < n; ++i) {
    const float v = in.velocity[i];
    if ((v - v) != 0.0f) continue;  // NaN or ±inf: nothing to unfold
    if (out.regions[i] > 0) {
      state[i] = kReference;
    } else {
      state[i] = kCandidate;
      candidates.push_back(static_cast<std::uint32_t>(i));
    }
  }
  const auto rays = static_cast<std::int64_t>(in.rays);
  const auto gates = static_cast<std::int64_t>(in.gates);
  const double interval = 2.0 * in.nyquist;
  auto filled_now = MakeVec<std::uint32_t>(mem);
  std::int64_t filled = 0;
  for (int pass = 0; pass < kPasses && !candidates.empty(); ++pass) {
    filled_now.clear();
    std::size_t keep = 0;
    for (std::uint32_t i : candidates) {
      const std::int64_t r = static_cast<std::int64_t>(i) / gates;
      const std::int64_t g = static_cast<std::int64_t>(i) % gates;
      double sum = 0.0;  // m/s
      int count = 0;
      for (std::int64_t dr = -kRayReach; dr <= kRayReach; ++dr) {
        std::int64_t rr = r + dr;
        if (rr < 0 || rr >= rays) {
          if (!params.rays_wrap_around) continue;
          rr = (rr + rays) % rays;
        }
        for (std::int64_t gg = g - kGateReach; gg <= g + kGateReach; ++gg) {
          if (gg < 0 || gg >= gates) continue;
          const auto j = static_cast<std::size_t>(rr * gates + gg);
          if (state[j] != kReference) continue;
          sum += static_cast<double>(out.corrected[j]);
          ++count;
        }
      }
      if (count == 0) {
        candidates[keep++] = i;  // try again once its surroundings are filled
        continue;
      }
      const double v = static_cast<double>(in.velocity[i]);
      double k = std::nearbyint((sum / count - v) / interval);
      k = k > 127.0 ? 127.0 : (k < -127.0 ? -127.0 : k);
      out.folds[i] = static_cast<std::int8_t>(k);
      out.corrected[i] = static_cast<float>(v + k * interval);
      filled_now.push_back(i);
    }
    candidates.resize(keep);
    for (std::uint32_t i : filled_now)
      state[i] = kReference;  // usable from the next pass on
    filled += static_cast<std::int64_t>(filled_now.size());
  }
  return filled;
}

}  // namespace unfold
