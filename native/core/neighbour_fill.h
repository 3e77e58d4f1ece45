// Opt-in improvement "unfoldExcludedGates" (Py-ART never unfolds excluded gates; its source suggests
// a second, simpler pass). Gates with a finite velocity that took no part in the merge (excluded by
// the caller's gate filter, or valid but in no slice) get the fold that brings them closest to the
// mean corrected velocity of their dealiased neighbours (±1 ray, ±2 gates; rays wrap when the sweep
// does). Filled gates then serve as neighbours for the next pass, so gaps fill from their edges
// inwards (at most kPasses passes). Gates with no dealiased neighbour within reach keep Py-ART's result.
#pragma once

#include <cstdint>

#include "memory.h"
#include "types.h"

namespace unfold {

// Returns how many gates were given a fold this way. Reads and writes out.corrected/out.folds; a
// gate counts as dealiased when out.regions > 0.
std::int64_t FillFromNeighbours(const SweepInput& in, const DealiasParams& params, SweepOutput& out,
                                MemoryTracker& mem);

}  // namespace unfold
