// Vectorised ray classification: see classify_row.h. Each lane computes the slice exactly as
// SliceOf does (count of float32 limits <= v, minus one; optional top-limit inclusion), so the
// vector and scalar paths agree bit for bit.
#include "classify_row.h"

#include <cmath>

#include "classify.h"
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace unfold {

RowClassifier::RowClassifier(const IntervalLimits& limits, bool include_upper_bound) {
  nbounds = static_cast<int>(limits.bounds_f32.size());
  nslices = nbounds - 1;
  all_bounds = limits.bounds_f32.data();
  vector_ok = nbounds <= 8;
  for (int k = 0; k < 8; ++k)
    bounds[k] = k < nbounds ? all_bounds[k] : INFINITY;
  include_upper = include_upper_bound && nbounds > 0;
  top = nbounds > 0 ? all_bounds[nbounds - 1] : 0.0f;
#if defined(__x86_64__)
  __builtin_cpu_init();
  avx2 = __builtin_cpu_supports("avx2") != 0;
#else
  avx2 = false;
#endif
}

namespace {

// Scalar classification of gates [from, n); shares the span/extreme bookkeeping with the vector paths.
void ClassifyScalar(const RowClassifier& c, const float* v, const std::uint8_t* excluded, std::size_t from,
                    std::size_t n, std::int8_t* codes, float* mn, float* mx, RowSummary* s, const RowOutputs* out) {
  for (std::size_t g = from; g < n; ++g) {
    const float x = v[g];
    const bool missing = (x - x) != 0.0f || (excluded != nullptr && excluded[g] != 0);
    if (out != nullptr) {
      out->corrected[g] = missing ? (out->keep_original ? x : NAN) : x + 0.0f;
      if (!missing || !out->zero_filled) {
        out->folds[g] = 0;
        out->regions[g] = 0;
      }
    }
    if (missing) {
      codes[g] = kSliceMissing;
      continue;
    }
    codes[g] = SliceOf(x, c.all_bounds, c.nbounds, c.include_upper);
    *mn = x < *mn ? x : *mn;
    *mx = x > *mx ? x : *mx;
    if (s->valid++ == 0) s->begin = g;
    s->end = g + 1;
  }
}

#if defined(__x86_64__)

// Records chunk [g, g + width) with validity bit mask `bits` in the span.
inline void NoteChunk(RowSummary* s, std::size_t g, unsigned bits) {
  if (bits == 0) return;
  if (s->valid == 0) s->begin = g + static_cast<std::size_t>(__builtin_ctz(bits));
  s->end = g + 32 - static_cast<std::size_t>(__builtin_clz(bits));
  s->valid += __builtin_popcount(bits);
}

__attribute__((target("avx2"))) std::size_t ClassifyAvx2(const RowClassifier& c, const float* v,
                                                         const std::uint8_t* excluded, std::size_t n,
                                                         std::int8_t* codes, float* mn_io, float* mx_io, RowSummary* s,
                                                         const RowOutputs* out) {
  __m256 b[8];
  for (int k = 0; k < 8; ++k)
    b[k] = _mm256_set1_ps(c.bounds[k]);
  const __m256 top = _mm256_set1_ps(c.top);
  const __m256i upper = _mm256_set1_epi32(c.include_upper ? -1 : 0);
  const __m256i nslices = _mm256_set1_epi32(c.nslices);
  const __m256i minus1 = _mm256_set1_epi32(-1);
  const __m256i minus2 = _mm256_set1_epi32(-2);
  const __m256 inf = _mm256_set1_ps(INFINITY);
  const __m256 ninf = _mm256_set1_ps(-INFINITY);
  const __m256 nan = _mm256_set1_ps(NAN);
  const __m256 keep = _mm256_castsi256_ps(_mm256_set1_epi32(out != nullptr && out->keep_original ? -1 : 0));
  __m256 vmn = inf;
  __m256 vmx = ninf;
  std::size_t g = 0;
  for (; g + 8 <= n; g += 8) {
    const __m256 x = _mm256_loadu_ps(v + g);
    __m256 ok = _mm256_cmp_ps(_mm256_sub_ps(x, x), _mm256_setzero_ps(), _CMP_EQ_OQ);
    if (excluded != nullptr) {
      const __m256i e = _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(excluded + g)));
      ok = _mm256_and_ps(ok, _mm256_castsi256_ps(_mm256_cmpeq_epi32(e, _mm256_setzero_si256())));
    }
    if (out != nullptr) {
      const __m256 missing_value = _mm256_blendv_ps(nan, x, keep);
      _mm256_storeu_ps(out->corrected + g, _mm256_blendv_ps(missing_value, _mm256_add_ps(x, _mm256_setzero_ps()), ok));
    }
    const auto bits = static_cast<unsigned>(_mm256_movemask_ps(ok));
    if (out != nullptr && (bits != 0 || !out->zero_filled)) {
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out->regions + g), _mm256_setzero_si256());
      const std::uint64_t zero = 0;
      __builtin_memcpy(out->folds + g, &zero, 8);
    }
    if (bits == 0) {  // all missing (the common case in sparse sweeps): no slice arithmetic
      const std::uint64_t missing = ~std::uint64_t{0};
      __builtin_memcpy(codes + g, &missing, 8);
      continue;
    }
    __m256i slice = minus1;  // count of limits <= x, minus one
    for (int k = 0; k < 8; ++k)
      slice = _mm256_sub_epi32(slice, _mm256_castps_si256(_mm256_cmp_ps(x, b[k], _CMP_GE_OQ)));
    slice = _mm256_add_epi32(slice, _mm256_and_si256(_mm256_castps_si256(_mm256_cmp_ps(x, top, _CMP_EQ_OQ)), upper));
    const __m256i labelled = _mm256_and_si256(_mm256_cmpgt_epi32(slice, minus1), _mm256_cmpgt_epi32(nslices, slice));
    __m256i code = _mm256_blendv_epi8(minus2, slice, labelled);
    code = _mm256_blendv_epi8(minus1, code, _mm256_castps_si256(ok));
    const __m256i packed = _mm256_packs_epi16(_mm256_packs_epi32(code, code), _mm256_setzero_si256());
    const auto lo = static_cast<std::uint32_t>(_mm256_extract_epi32(packed, 0));
    const auto hi = static_cast<std::uint32_t>(_mm256_extract_epi32(packed, 4));
    const std::uint64_t eight = lo | (static_cast<std::uint64_t>(hi) << 32);
    __builtin_memcpy(codes + g, &eight, 8);
    vmn = _mm256_min_ps(vmn, _mm256_blendv_ps(inf, x, ok));
    vmx = _mm256_max_ps(vmx, _mm256_blendv_ps(ninf, x, ok));
    NoteChunk(s, g, bits);
  }
  alignas(32) float lanes_mn[8];
  alignas(32) float lanes_mx[8];
  _mm256_store_ps(lanes_mn, vmn);
  _mm256_store_ps(lanes_mx, vmx);
  for (int k = 0; k < 8; ++k) {
    *mn_io = lanes_mn[k] < *mn_io ? lanes_mn[k] : *mn_io;
    *mx_io = lanes_mx[k] > *mx_io ? lanes_mx[k] : *mx_io;
  }
  return g;
}

__attribute__((target("sse4.1"))) std::size_t ClassifySse(const RowClassifier& c, const float* v,
                                                          const std::uint8_t* excluded, std::size_t n,
                                                          std::int8_t* codes, float* mn_io, float* mx_io, RowSummary* s,
                                                          const RowOutputs* out) {
  __m128 b[8];
  for (int k = 0; k < 8; ++k)
    b[k] = _mm_set1_ps(c.bounds[k]);
  const __m128 top = _mm_set1_ps(c.top);
  const __m128i upper = _mm_set1_epi32(c.include_upper ? -1 : 0);
  const __m128i nslices = _mm_set1_epi32(c.nslices);
  const __m128i minus1 = _mm_set1_epi32(-1);
  const __m128i minus2 = _mm_set1_epi32(-2);
  const __m128 inf = _mm_set1_ps(INFINITY);
  const __m128 ninf = _mm_set1_ps(-INFINITY);
  const __m128 nan = _mm_set1_ps(NAN);
  const __m128 keep = _mm_castsi128_ps(_mm_set1_epi32(out != nullptr && out->keep_original ? -1 : 0));
  __m128 vmn = inf;
  __m128 vmx = ninf;
  std::size_t g = 0;
  for (; g + 4 <= n; g += 4) {
    const __m128 x = _mm_loadu_ps(v + g);
    __m128 ok = _mm_cmpeq_ps(_mm_sub_ps(x, x), _mm_setzero_ps());
    if (excluded != nullptr) {
      std::uint32_t four;
      __builtin_memcpy(&four, excluded + g, 4);
      const __m128i e = _mm_cvtepu8_epi32(_mm_cvtsi32_si128(static_cast<int>(four)));
      ok = _mm_and_ps(ok, _mm_castsi128_ps(_mm_cmpeq_epi32(e, _mm_setzero_si128())));
    }
    if (out != nullptr) {
      const __m128 missing_value = _mm_blendv_ps(nan, x, keep);
      _mm_storeu_ps(out->corrected + g, _mm_blendv_ps(missing_value, _mm_add_ps(x, _mm_setzero_ps()), ok));
    }
    const auto bits = static_cast<unsigned>(_mm_movemask_ps(ok));
    if (out != nullptr && (bits != 0 || !out->zero_filled)) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out->regions + g), _mm_setzero_si128());
      const std::uint32_t zero = 0;
      __builtin_memcpy(out->folds + g, &zero, 4);
    }
    if (bits == 0) {
      const std::uint32_t missing = ~std::uint32_t{0};
      __builtin_memcpy(codes + g, &missing, 4);
      continue;
    }
    __m128i slice = minus1;
    for (int k = 0; k < 8; ++k)
      slice = _mm_sub_epi32(slice, _mm_castps_si128(_mm_cmpge_ps(x, b[k])));
    slice = _mm_add_epi32(slice, _mm_and_si128(_mm_castps_si128(_mm_cmpeq_ps(x, top)), upper));
    const __m128i labelled = _mm_and_si128(_mm_cmpgt_epi32(slice, minus1), _mm_cmpgt_epi32(nslices, slice));
    __m128i code = _mm_blendv_epi8(minus2, slice, labelled);
    code = _mm_blendv_epi8(minus1, code, _mm_castps_si128(ok));
    const __m128i packed = _mm_packs_epi16(_mm_packs_epi32(code, code), _mm_setzero_si128());
    const auto four = static_cast<std::uint32_t>(_mm_cvtsi128_si32(packed));
    __builtin_memcpy(codes + g, &four, 4);
    vmn = _mm_min_ps(vmn, _mm_blendv_ps(inf, x, ok));
    vmx = _mm_max_ps(vmx, _mm_blendv_ps(ninf, x, ok));
    NoteChunk(s, g, bits);
  }
  alignas(16) float lanes_mn[4];
  alignas(16) float lanes_mx[4];
  _mm_store_ps(lanes_mn, vmn);
  _mm_store_ps(lanes_mx, vmx);
  for (int k = 0; k < 4; ++k) {
    *mn_io = lanes_mn[k] < *mn_io ? lanes_mn[k] : *mn_io;
    *mx_io = lanes_mx[k] > *mx_io ? lanes_mx[k] : *mx_io;
  }
  return g;
}

#endif

}  // namespace

RowSummary ClassifyRow(const RowClassifier& c, const float* velocity, const std::uint8_t* excluded, std::size_t n,
                       std::int8_t* codes, float* min_io, float* max_io, const RowOutputs* outputs) {
  RowSummary s;
  std::size_t done = 0;
#if defined(__x86_64__)
  if (c.vector_ok) {
    done = c.avx2 ? ClassifyAvx2(c, velocity, excluded, n, codes, min_io, max_io, &s, outputs)
                  : ClassifySse(c, velocity, excluded, n, codes, min_io, max_io, &s, outputs);
  }
#endif
  ClassifyScalar(c, velocity, excluded, done, n, codes, min_io, max_io, &s, outputs);
  return s;
}

}  // namespace unfold
