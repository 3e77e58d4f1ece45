// Opt-in improvement "unfoldExcludedGates": gates with a finite velocity that took no part in the
// merge (excluded by the caller's gate filter, or valid but in no region) get the fold that brings
// them closest to their dealiased neighbours.
#pragma once

#include <cstdint>

#include "memory.h"
#include "types.h"

namespace unfold {

// Returns how many gates were given a value. Reads out.corrected/out.regions of the merged gates.
std::int64_t FillFromNeighbours(const SweepInput& in, const DealiasParams& params, SweepOutput& out,
                                MemoryTracker& mem);

}  // namespace unfold
