// bzip2 CRC: slicing-by-8 tables, and PCLMULQDQ folding on x86 CPUs that have it. The tables are
// computed at compile time and never written, so every thread can read them (no mutable static state).
//
// Folding: the data is a polynomial over GF(2), first bit highest. Four 128-bit accumulators each take
// every fourth 16-byte block: acc * x^512 + next, with acc = H * x^64 + L reduced as
// H * (x^576 mod P) + L * (x^512 mod P) (a 64 x 32-bit carry-less product fits in 128 bits). The four
// are then folded into one by 128 bits at a time; the last 128-bit value is congruent to the message
// modulo P, so the table CRC of its 16 bytes (from state 0) continues exactly where the message left off.
#include "bzip2_crc.h"

#include <array>

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define UNFOLD_IO_CRC_CLMUL 1
#endif

namespace unfold_io {
namespace {

using CrcTables = std::array<std::array<uint32_t, 256>, 8>;

// Table k gives the CRC effect of a byte followed by k zero bytes.
constexpr CrcTables MakeTables() {
  CrcTables t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i << 24;
    for (int k = 0; k < 8; ++k)
      c = (c & 0x80000000u) ? (c << 1) ^ 0x04c11db7u : c << 1;
    t[0][i] = c;
  }
  for (size_t k = 1; k < 8; ++k) {
    for (size_t i = 0; i < 256; ++i)
      t[k][i] = (t[k - 1][i] << 8) ^ t[0][t[k - 1][i] >> 24];
  }
  return t;
}

constexpr CrcTables kTables = MakeTables();

inline uint32_t LoadBe32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

// Advance the CRC state over data[0..size) (no initial value or final xor applied here).
uint32_t TableCrc(uint32_t crc, const uint8_t* data, size_t size) {
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    const uint32_t a = crc ^ LoadBe32(data + i);
    const uint32_t b = LoadBe32(data + i + 4);
    crc = kTables[7][a >> 24] ^ kTables[6][(a >> 16) & 0xff] ^ kTables[5][(a >> 8) & 0xff] ^ kTables[4][a & 0xff] ^
          kTables[3][b >> 24] ^ kTables[2][(b >> 16) & 0xff] ^ kTables[1][(b >> 8) & 0xff] ^ kTables[0][b & 0xff];
  }
  for (; i < size; ++i)
    crc = (crc << 8) ^ kTables[0][(crc >> 24) ^ data[i]];
  return crc;
}

#ifdef UNFOLD_IO_CRC_CLMUL
// x^n mod P for the folding distances (computed with a few lines of Python over GF(2))
constexpr long long kX128 = 0xe8a45605, kX192 = 0xc5b9cd4c, kX512 = 0xe6228b11, kX576 = 0x8833794c;

// 16 bytes as a 128-bit polynomial: the first byte in the top bits
__attribute__((target("pclmul,ssse3"))) inline __m128i LoadPoly(const uint8_t* p) {
  const __m128i reverse = _mm_setr_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
  return _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), reverse);
}

// acc * x^d + next, with k = (x^(d+64) mod P, x^d mod P) in the (high, low) halves
__attribute__((target("pclmul,ssse3"))) inline __m128i Fold(__m128i acc, __m128i k, __m128i next) {
  const __m128i high = _mm_clmulepi64_si128(acc, k, 0x11);
  const __m128i low = _mm_clmulepi64_si128(acc, k, 0x00);
  return _mm_xor_si128(_mm_xor_si128(high, low), next);
}

// Needs size >= 64.
__attribute__((target("pclmul,ssse3"))) uint32_t FoldingCrc(const uint8_t* data, size_t size) {
  // the initial value 0xffffffff is the same as inverting the first 32 bits of the message
  __m128i a0 = _mm_xor_si128(LoadPoly(data), _mm_set_epi32(-1, 0, 0, 0));
  __m128i a1 = LoadPoly(data + 16);
  __m128i a2 = LoadPoly(data + 32);
  __m128i a3 = LoadPoly(data + 48);
  const __m128i k512 = _mm_set_epi64x(kX576, kX512);
  size_t i = 64;
  for (; i + 64 <= size; i += 64) {
    a0 = Fold(a0, k512, LoadPoly(data + i));
    a1 = Fold(a1, k512, LoadPoly(data + i + 16));
    a2 = Fold(a2, k512, LoadPoly(data + i + 32));
    a3 = Fold(a3, k512, LoadPoly(data + i + 48));
  }
  const __m128i k128 = _mm_set_epi64x(kX192, kX128);
  __m128i acc = Fold(Fold(Fold(a0, k128, a1), k128, a2), k128, a3);
  for (; i + 16 <= size; i += 16)
    acc = Fold(acc, k128, LoadPoly(data + i));
  uint8_t bytes[16];
  const __m128i reverse = _mm_setr_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(bytes), _mm_shuffle_epi8(acc, reverse));
  return ~TableCrc(TableCrc(0, bytes, 16), data + i, size - i);
}

bool HasClmul() {
  return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("ssse3");
}
#endif

}  // namespace

uint32_t Bzip2CrcPortable(const uint8_t* data, size_t size) {
  return ~TableCrc(0xffffffffu, data, size);
}

uint32_t Bzip2Crc(const uint8_t* data, size_t size) {
#ifdef UNFOLD_IO_CRC_CLMUL
  if (size >= 64 && HasClmul()) return FoldingCrc(data, size);
#endif
  return Bzip2CrcPortable(data, size);
}

const char* Bzip2CrcMethod() {
#ifdef UNFOLD_IO_CRC_CLMUL
  if (HasClmul()) return "pclmul";
#endif
  return "tables";
}

}  // namespace unfold_io
