// Entry point of the dealias engine: one sweep in, corrected velocities, folds, region labels and
// statistics out. Used by the Node binding, the C++ tests, the fuzz harness and the benchmark.
#pragma once

#include "types.h"

namespace unfold {

// Throws EngineError with a precise message for shapes, Nyquist and parameter problems.
void ValidateSweep(const SweepInput& in, const DealiasParams& params);

// Dealiases one sweep with the chosen variant. Throws EngineError on invalid input or when the
// memory budget would be exceeded; never leaves the outputs half-written on success.
SweepStats DealiasSweep(const SweepInput& in, const DealiasParams& params, Variant variant, SweepOutput& out);

// Engine version, reported to the UI and written into run histories.
const char* EngineVersion();

}  // namespace unfold
