// CRC-32 as bzip2 uses it for blocks and streams: polynomial 0x04c11db7, MSB first (not the reflected
// zlib variant), initial value and final xor 0xffffffff. Slicing-by-8: eight bytes per step.
#ifndef UNFOLD_IO_CORE_BZIP2_CRC_H_
#define UNFOLD_IO_CORE_BZIP2_CRC_H_

#include <cstddef>
#include <cstdint>

namespace unfold_io {

// CRC of data[0..size).
uint32_t Bzip2Crc(const uint8_t* data, size_t size);

// The stream CRC: each block CRC folded into the running value.
inline uint32_t CombineStreamCrc(uint32_t combined, uint32_t block_crc) {
  return ((combined << 1) | (combined >> 31)) ^ block_crc;
}

}  // namespace unfold_io

#endif  // UNFOLD_IO_CORE_BZIP2_CRC_H_
