// Standalone fuzz harness for the dealias core, built with ASan + UBSan (native/CMakeLists.txt) and
// run by `npm run native:test` (short) and `npm run fuzz:dealias [-- --long]`. Each case is a random
// sweep (random_sweep.h) or a mutated window of a real reference sweep (NaN/±inf bursts, spikes, exact
// ±Vn, odd Nyquists, random parameters); every variant runs on it and must either succeed with
// identical outputs and consistent invariants, or fail with a documented error code. Any crash,
// sanitizer report or invariant break ends the run with a non-zero exit and the seed to replay.
//
// Usage: fuzz_dealias [cases] [first_seed]
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "../core/dealias.h"
#include "../core/errors.h"
#include "../tests/npy.h"
#include "../tests/random_sweep.h"

using namespace unfold;

namespace {

struct Run {
  std::string error;  // "" = success
  std::vector<float> corrected;
  std::vector<std::int8_t> folds;
  std::vector<std::int32_t> regions;
};

// Outputs as a worker hands them over (zeroed, with SweepOutput::zero_filled) or as reused arrays
// would hold them (every byte 0x5A, no promise): both must come out the same.
enum class Outputs { kZeroFilled, kStale };

Run Execute(const unfold_test::RandomCase& c, Variant v, Outputs outputs) {
  Run run;
  const std::size_t n = c.velocity.size();
  run.corrected.assign(n, 0.0f);
  run.folds.assign(n, 0);
  run.regions.assign(n, 0);
  if (outputs == Outputs::kStale && n > 0) {
    std::memset(run.corrected.data(), 0x5A, n * sizeof(float));
    std::memset(run.folds.data(), 0x5A, n);
    std::memset(run.regions.data(), 0x5A, n * sizeof(std::int32_t));
  }
  SweepOutput out{run.corrected.data(), run.folds.data(), run.regions.data()};
  out.zero_filled = outputs == Outputs::kZeroFilled;
  try {
    DealiasSweep(c.Input(), c.params, v, out);
  } catch (const EngineError& e) {
    run.error = ErrorCodeName(e.code());
  }
  return run;
}

// Mutates a window of a real sweep: crop, NaN/inf bursts, spikes, exact ±Vn, random Nyquist scale.
unfold_test::RandomCase Mutate(const unfold_test::ReferenceSweep& s, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  unfold_test::RandomCase c;
  c.rays = 1 + rng() % std::min<std::size_t>(s.rays, 96);
  c.gates = 1 + rng() % std::min<std::size_t>(s.gates, 160);
  const std::size_t r0 = rng() % (s.rays - c.rays + 1);
  const std::size_t g0 = rng() % (s.gates - c.gates + 1);
  const double scales[] = {1.0, 1.0, 0.5, 0.25, 2.0, 1e-6};
  c.nyquist = s.nyquist * scales[rng() % 6];
  c.velocity.resize(c.rays * c.gates);
  for (std::size_t r = 0; r < c.rays; ++r) {
    for (std::size_t g = 0; g < c.gates; ++g)
      c.velocity[r * c.gates + g] = s.velocity[(r0 + r) * s.gates + g0 + g];
  }
  const std::size_t edits = rng() % 20;
  for (std::size_t k = 0; k < edits && !c.velocity.empty(); ++k) {
    const std::size_t i = rng() % c.velocity.size();
    const float choices[] = {NAN,
                             INFINITY,
                             -INFINITY,
                             static_cast<float>(c.nyquist),
                             static_cast<float>(-c.nyquist),
                             static_cast<float>(c.nyquist * 5),
                             0.0f,
                             -0.0f,
                             1e-30f};
    const std::size_t burst = 1 + rng() % 8;
    for (std::size_t b = 0; b < burst && i + b < c.velocity.size(); ++b)
      c.velocity[i + b] = choices[rng() % 9];
  }
  c.params.rays_wrap_around = (rng() & 1) != 0;
  c.params.skip_between_rays = static_cast<int>(rng() % 4 == 0 ? rng() % 3 : 100);
  c.params.include_upper_bound = (rng() % 4) == 0;
  c.params.fix_out_of_range_widening = (rng() % 4) == 0;
  c.params.unfold_excluded_gates = (rng() % 4) == 0;
  return c;
}

bool CheckCase(const unfold_test::RandomCase& c, std::uint64_t seed) {
  const Run fused = Execute(c, Variant::kFused, Outputs::kZeroFilled);
  for (Variant v : {Variant::kFused, Variant::kHeap, Variant::kSparse, Variant::kDense}) {
    const Run other = Execute(c, v, Outputs::kStale);
    if (other.error != fused.error) {
      if (v == Variant::kDense && other.error == "memory-budget") continue;
      std::fprintf(stderr, "seed %llu: %s error '%s' vs fused '%s'\n", static_cast<unsigned long long>(seed),
                   VariantName(v), other.error.c_str(), fused.error.c_str());
      return false;
    }
    if (!fused.error.empty()) continue;
    if (other.folds != fused.folds || other.regions != fused.regions ||
        (!fused.corrected.empty() &&
         std::memcmp(other.corrected.data(), fused.corrected.data(), fused.corrected.size() * 4) != 0)) {
      std::fprintf(stderr, "seed %llu: %s output on stale arrays differs from fused on zero-filled ones\n",
                   static_cast<unsigned long long>(seed), VariantName(v));
      return false;
    }
  }
  if (!fused.error.empty()) {
    const bool documented = fused.error == "invalid-input" || fused.error == "invalid-nyquist";
    if (!documented)
      std::fprintf(stderr, "seed %llu: undocumented error %s\n", static_cast<unsigned long long>(seed),
                   fused.error.c_str());
    return documented;
  }
  for (std::size_t i = 0; i < c.velocity.size(); ++i) {
    const float v = c.velocity[i];
    const bool valid = std::isfinite(v) && (c.excluded.empty() || c.excluded[i] == 0);
    if (!valid && !c.params.unfold_excluded_gates && (fused.folds[i] != 0 || fused.regions[i] != 0)) {
      std::fprintf(stderr, "seed %llu: gate %zu excluded but has a fold/region\n",
                   static_cast<unsigned long long>(seed), i);
      return false;
    }
    if (valid && !c.params.unfold_excluded_gates && fused.folds[i] > -127 && fused.folds[i] < 127) {
      const float expect = static_cast<float>(static_cast<double>(v) + fused.folds[i] * 2.0 * c.nyquist);
      if (!(fused.corrected[i] == expect)) {
        std::fprintf(stderr, "seed %llu: gate %zu corrected %g, expected %g\n", static_cast<unsigned long long>(seed),
                     i, static_cast<double>(fused.corrected[i]), static_cast<double>(expect));
        return false;
      }
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const long cases = argc > 1 ? std::atol(argv[1]) : 300;
  const std::uint64_t first = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
  std::vector<unfold_test::ReferenceSweep> real;
  try {
    real = unfold_test::LoadReferenceSweeps();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: no reference sweeps (%s); random cases only\n", e.what());
  }
  long failures = 0;
  for (long k = 0; k < cases; ++k) {
    const std::uint64_t seed = first + static_cast<std::uint64_t>(k);
    const bool mutate = !real.empty() && (seed % 3 == 0);
    const unfold_test::RandomCase c = mutate ? Mutate(real[seed % real.size()], seed)
                                             : unfold_test::MakeRandomCase(seed, seed % 10 == 0 ? 200 : 48, true);
    if (!CheckCase(c, seed)) ++failures;
  }
  std::printf("FUZZ: %ld cases from seed %llu, %ld failures\n", cases, static_cast<unsigned long long>(first),
              failures);
  return failures == 0 ? 0 : 1;
}
