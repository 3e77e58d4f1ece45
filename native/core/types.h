// Plain data types of the dealias engine: parameters (Py-ART's dealias_region_based options plus
// Unfold's opt-in improvements), the sweep input/output views and the per-call statistics. No V8
// types here: the binding converts JS objects into these structs before any engine work.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace unfold {

enum class Variant { kDense, kSparse, kHeap, kFused };

const char* VariantName(Variant variant);
// Parses 'dense' | 'sparse' | 'heap' | 'fused'; returns false for anything else.
bool ParseVariant(const std::string& name, Variant* out);

struct DealiasParams {
  int interval_splits = 3;
  // m/s, explicit slice boundaries (non-decreasing); empty = derive from the Nyquist velocity.
  std::vector<double> interval_limits;
  int skip_between_rays = 100;  // gates the edge search may jump over in the ray direction
  int skip_along_ray = 100;     // gates the edge search may jump over along a ray
  bool centered = true;
  bool rays_wrap_around = true;
  bool keep_original = false;
  // Opt-in improvements over Py-ART (default off = exact parity).
  bool fix_out_of_range_widening = false;  // widen the slice range on the side the outliers are
  bool include_upper_bound = false;        // gates exactly at the top limit belong to the top slice
  bool unfold_excluded_gates = false;      // give excluded-but-finite gates a fold from their neighbours
  std::size_t memory_budget_bytes = std::size_t{2} << 30;  // bytes
};

// Borrowed views of one sweep, row-major [ray][gate].
struct SweepInput {
  const float* velocity = nullptr;         // m/s; NaN/±inf = missing
  const std::uint8_t* excluded = nullptr;  // optional; 1 = excluded by the caller's gate filter
  std::size_t rays = 0;
  std::size_t gates = 0;
  double nyquist = 0.0;  // m/s
};

// Caller-allocated outputs, each rays*gates long.
struct SweepOutput {
  float* corrected = nullptr;       // m/s; NaN where excluded/missing unless keep_original
  std::int8_t* folds = nullptr;     // Nyquist intervals added at each gate (0 where excluded/missing)
  std::int32_t* regions = nullptr;  // region label per gate as the engine numbered them (0 = none)
  // The caller promises that folds and regions hold only zeros (fresh typed arrays do: ECMAScript zero-fills
  // a new ArrayBuffer). The fused variant then leaves them untouched at stretches of gates that take no
  // part, which in a NEXRAD volume (~95 % missing gates) saves 5 of the 9 bytes written per gate. The
  // other variants ignore it. Never set it on reused arrays: their stale values would remain.
  bool zero_filled = false;
};

struct StageTimings {
  double label_ms = 0;
  double edges_ms = 0;
  double merge_ms = 0;
  double unwrap_ms = 0;
  double total_ms = 0;
};

struct EngineWarning {
  std::string code;  // 'out-of-nyquist' | 'upper-bound-gates' | 'unlabelled-gates' | 'fold-overflow'
  std::string message;
  std::int64_t gates = -1;  // -1 = not applicable
};

struct SweepStats {
  Variant variant = Variant::kFused;
  std::int64_t regions = 0;
  std::int64_t edges = 0;  // distinct region pairs in contact
  std::int64_t merges = 0;
  std::int64_t gates_changed = 0;  // gates whose fold number is not 0
  std::int64_t valid_gates = 0;    // finite and not excluded
  std::int64_t unlabelled_valid_gates = 0;
  std::int64_t filled_gates = 0;        // gates given a fold by unfold_excluded_gates
  std::vector<double> interval_limits;  // m/s, the slice boundaries actually used
  StageTimings timings;
  std::size_t engine_bytes_peak = 0;  // exact peak of the engine's own allocations
  std::vector<EngineWarning> warnings;
};

}  // namespace unfold
