// End-to-end engine tests: exact Py-ART folds on the reference sweeps (fused and heap under the
// sanitizers; sparse and dense on the smaller ones), all variants identical on random sweeps, the
// documented errors and no-ops, keep_original and the exact memory accounting.
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "../core/dealias.h"
#include "../core/errors.h"
#include "../core/memory.h"
#include "check.h"
#include "npy.h"
#include "random_sweep.h"

using namespace unfold;

namespace {

struct Outputs {
  explicit Outputs(std::size_t n) : corrected(n), folds(n), regions(n) {}
  std::vector<float> corrected;
  std::vector<std::int8_t> folds;
  std::vector<std::int32_t> regions;
  SweepOutput View() { return SweepOutput{corrected.data(), folds.data(), regions.data()}; }
};

// Returns the error code name thrown by DealiasSweep, or "" when it succeeded.
std::string ErrorOf(const SweepInput& in, const DealiasParams& p, Variant v, Outputs& out) {
  try {
    SweepOutput view = out.View();
    DealiasSweep(in, p, v, view);
    return "";
  } catch (const EngineError& e) {
    return ErrorCodeName(e.code());
  }
}

}  // namespace

TEST(reference_sweeps_match_pyart_folds) {
  for (const auto& s : unfold_test::LoadReferenceSweeps()) {
    if (s.run.rfind("MC3E", 0) == 0) continue;  // the documented float32 exception (see parity.test.ts)
    SweepInput in;
    in.velocity = s.velocity.data();
    in.rays = s.rays;
    in.gates = s.gates;
    in.nyquist = s.nyquist;
    DealiasParams p;
    p.rays_wrap_around = s.wrap;
    const bool small = s.rays * s.gates < 200000;
    for (Variant v : {Variant::kFused, Variant::kHeap, Variant::kSparse, Variant::kDense}) {
      if ((v == Variant::kSparse || v == Variant::kDense) && !small) continue;  // too slow under ASan
      Outputs out(s.velocity.size());
      SweepOutput view = out.View();
      try {
        DealiasSweep(in, p, v, view);
      } catch (const EngineError& e) {
        CHECK(v == Variant::kDense && e.code() == ErrorCode::kMemoryBudget);
        continue;
      }
      std::size_t wrong = 0;
      for (std::size_t i = 0; i < s.folds.size(); ++i) {
        if (s.folds[i] != -128 && s.folds[i] != out.folds[i]) ++wrong;
        if ((s.folds[i] == -128) != std::isnan(out.corrected[i])) ++wrong;
      }
      if (wrong != 0)
        std::fprintf(stderr, "    %s sweep %d %s: %zu gates differ\n", s.run.c_str(), s.sweep, VariantName(v), wrong);
      CHECK_EQ(wrong, std::size_t{0});
    }
  }
}

TEST(variants_agree_on_random_sweeps) {
  for (std::uint64_t seed = 1000; seed < 1400; ++seed) {
    const auto c = unfold_test::MakeRandomCase(seed, 40, true);
    const SweepInput in = c.Input();
    Outputs first(c.velocity.size());
    const std::string first_error = ErrorOf(in, c.params, Variant::kFused, first);
    for (Variant v : {Variant::kHeap, Variant::kSparse, Variant::kDense}) {
      Outputs out(c.velocity.size());
      const std::string error = ErrorOf(in, c.params, v, out);
      CHECK(error == first_error);
      if (!error.empty() || !first_error.empty()) continue;
      CHECK(out.folds == first.folds);
      CHECK(out.regions == first.regions);
      CHECK(out.corrected.empty() ||
            std::memcmp(out.corrected.data(), first.corrected.data(), out.corrected.size() * 4) == 0);
    }
  }
}

TEST(invalid_inputs_are_typed_errors) {
  std::vector<float> v(12, 1.0f);
  Outputs out(12);
  SweepInput in;
  in.velocity = v.data();
  in.rays = 3;
  in.gates = 4;
  DealiasParams p;
  for (double nyq : {0.0, -5.0, std::nan(""), HUGE_VAL}) {
    in.nyquist = nyq;
    CHECK(ErrorOf(in, p, Variant::kFused, out) == "invalid-nyquist");
  }
  in.nyquist = 10.0;
  p.interval_splits = 0;
  CHECK(ErrorOf(in, p, Variant::kSparse, out) == "invalid-input");
  p.interval_splits = 3;
  p.interval_limits = {1.0, -1.0};
  CHECK(ErrorOf(in, p, Variant::kHeap, out) == "invalid-input");
  p.interval_limits.clear();
  in.velocity = nullptr;
  CHECK(ErrorOf(in, p, Variant::kFused, out) == "invalid-input");
  // A velocity hundreds of Nyquist intervals out of range would need more slices than the engine allows.
  v[5] = 1e6f;
  in.velocity = v.data();
  in.nyquist = 1.0;
  CHECK(ErrorOf(in, p, Variant::kFused, out) == "invalid-input");
  CHECK(ErrorOf(in, p, Variant::kDense, out) == "invalid-input");
}

TEST(empty_and_all_missing_sweeps_are_no_ops) {
  Outputs none(0);
  SweepInput in;
  in.nyquist = 10.0;
  DealiasParams p;
  SweepOutput view = none.View();
  const SweepStats zero = DealiasSweep(in, p, Variant::kFused, view);
  CHECK_EQ(zero.regions, std::int64_t{0});
  std::vector<float> v(20, NAN);
  in.velocity = v.data();
  in.rays = 4;
  in.gates = 5;
  Outputs out(20);
  view = out.View();
  const SweepStats s = DealiasSweep(in, p, Variant::kFused, view);
  CHECK_EQ(s.valid_gates, std::int64_t{0});
  for (std::size_t i = 0; i < 20; ++i)
    CHECK(std::isnan(out.corrected[i]) && out.folds[i] == 0 && out.regions[i] == 0);
}

TEST(keep_original_restores_excluded_values) {
  std::vector<float> v = {1.0f, 2.0f, 9.0f, -9.0f, 88.0f, NAN};
  std::vector<std::uint8_t> excluded = {0, 0, 0, 0, 1, 0};
  SweepInput in;
  in.velocity = v.data();
  in.excluded = excluded.data();
  in.rays = 2;
  in.gates = 3;
  in.nyquist = 10.0;
  DealiasParams p;
  p.keep_original = true;
  Outputs out(6);
  SweepOutput view = out.View();
  DealiasSweep(in, p, Variant::kFused, view);
  CHECK(out.corrected[4] == 88.0f);
  CHECK(std::isnan(out.corrected[5]));
  CHECK_EQ(out.folds[4], 0);
}

TEST(memory_tracker_counts_exact_bytes_and_enforces_budget) {
  MemoryTracker mem(1000);
  {
    auto a = MakeVec<std::int32_t>(mem, 100);
    CHECK_EQ(mem.current_bytes(), std::size_t{400});
    auto b = MakeVec<double>(mem, 50);
    CHECK_EQ(mem.peak_bytes(), std::size_t{800});
    bool refused = false;
    try {
      auto c = MakeVec<std::int32_t>(mem, 100);
    } catch (const EngineError& e) {
      refused = e.code() == ErrorCode::kMemoryBudget;
    }
    CHECK(refused);
    CHECK_EQ(mem.current_bytes(), std::size_t{800});
  }
  CHECK_EQ(mem.current_bytes(), std::size_t{0});
  CHECK_EQ(mem.peak_bytes(), std::size_t{800});
}

TEST(dense_refuses_beyond_its_budget_naming_the_size) {
  const auto c = unfold_test::MakeRandomCase(7, 60, false);
  DealiasParams p = c.params;
  p.memory_budget_bytes = 4096;
  Outputs out(c.velocity.size());
  try {
    SweepOutput view = out.View();
    DealiasSweep(c.Input(), p, Variant::kDense, view);
    CHECK(false);
  } catch (const EngineError& e) {
    CHECK(e.code() == ErrorCode::kMemoryBudget);
    CHECK(std::string(e.what()).find("bytes") != std::string::npos);
  }
}
