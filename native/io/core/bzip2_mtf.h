// The move-to-front list of bzip2's second stage: 256 bytes; symbol s >= 2 stands for the byte at
// position s-1, which moves to the front. NEXRAD records take positions around 30-40 on average, so the
// move matters. With SSE4.1 (x86-64-v2, the addon's baseline) the list shifts by one byte in 16-byte
// slices, top slice blended so that entries after the taken one stay put; otherwise memmove.
#ifndef UNFOLD_IO_CORE_BZIP2_MTF_H_
#define UNFOLD_IO_CORE_BZIP2_MTF_H_

#include <cstdint>
#include <cstring>

#if defined(__SSE4_1__)
#include <smmintrin.h>
#endif

namespace unfold_io {

class MtfList {
 public:
  // The list holds values[0..n) in order (n <= 256); later positions are never addressed.
  void Reset(const uint8_t* values, unsigned n) {
    std::memset(storage_, 0, sizeof storage_);
    std::memcpy(list(), values, n);
  }

  uint8_t Front() const { return storage_[kPad]; }

  // Remove the entry at position n (< 256), put it at the front and return it.
  uint8_t Take(unsigned n) {
    uint8_t* l = list();
    const uint8_t v = l[n];
#if defined(__SSE4_1__)
    unsigned slice = n >> 4;
    // top slice: shifted by one where index <= n % 16, unchanged above
    const __m128i index = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m128i keep_upto = _mm_set1_epi8(static_cast<char>(n & 15));
    const __m128i shift_mask = _mm_cmpgt_epi8(_mm_add_epi8(keep_upto, _mm_set1_epi8(1)), index);
    uint8_t* top = l + 16 * slice;
    const __m128i old = _mm_load_si128(reinterpret_cast<const __m128i*>(top));
    const __m128i shifted = _mm_loadu_si128(reinterpret_cast<const __m128i*>(top - 1));
    _mm_store_si128(reinterpret_cast<__m128i*>(top), _mm_blendv_epi8(old, shifted, shift_mask));
    while (slice-- > 0) {
      uint8_t* p = l + 16 * slice;
      _mm_store_si128(reinterpret_cast<__m128i*>(p), _mm_loadu_si128(reinterpret_cast<const __m128i*>(p - 1)));
    }
#else
    std::memmove(l + 1, l, n);
#endif
    l[0] = v;
    return v;
  }

 private:
  // one aligned slice of padding before the list, so the top slice's shifted load at l - 1 stays inside
  static constexpr unsigned kPad = 16;
  uint8_t* list() {
    return storage_ + kPad;
  }

  alignas(16) uint8_t storage_[kPad + 256];
};

}  // namespace unfold_io

#endif  // UNFOLD_IO_CORE_BZIP2_MTF_H_
