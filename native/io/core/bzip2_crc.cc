// Slicing-by-8 bzip2 CRC. The tables are computed at compile time and never written, so every thread
// can read them (no mutable static state).
#include "bzip2_crc.h"

#include <array>

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

}  // namespace

uint32_t Bzip2Crc(const uint8_t* data, size_t size) {
  uint32_t crc = 0xffffffffu;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    const uint32_t a = crc ^ LoadBe32(data + i);
    const uint32_t b = LoadBe32(data + i + 4);
    crc = kTables[7][a >> 24] ^ kTables[6][(a >> 16) & 0xff] ^ kTables[5][(a >> 8) & 0xff] ^ kTables[4][a & 0xff] ^
          kTables[3][b >> 24] ^ kTables[2][(b >> 16) & 0xff] ^ kTables[1][(b >> 8) & 0xff] ^ kTables[0][b & 0xff];
  }
  for (; i < size; ++i)
    crc = (crc << 8) ^ kTables[0][(crc >> 24) ^ data[i]];
  return ~crc;
}

}  // namespace unfold_io
