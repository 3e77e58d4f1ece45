// What the CPU dispatch picks at run time, for SweepStats and the UI ("avx2", "sse4.2", "neon",
// "scalar"). The hot kernels use GCC's target_clones where AVX2 measurably pays (see classify.cc).
#pragma once

namespace unfold {

const char* SimdLevel();

}  // namespace unfold
