// CRC-32 as bzip2 uses it for blocks and streams: polynomial 0x04c11db7, MSB first (not the reflected
// zlib variant), initial value and final xor 0xffffffff. Carry-less multiplication (PCLMULQDQ, chosen
// at run time: it is not part of the x86-64-v2 baseline) folds 64 bytes per step; elsewhere, and for
// short inputs, slicing-by-8 tables.
#ifndef UNFOLD_IO_CORE_BZIP2_CRC_H_
#define UNFOLD_IO_CORE_BZIP2_CRC_H_

#include <cstddef>
#include <cstdint>

namespace unfold_io {

// CRC of data[0..size), the fastest way this CPU allows.
uint32_t Bzip2Crc(const uint8_t* data, size_t size);

// The same with tables only (the reference the tests compare the folding against).
uint32_t Bzip2CrcPortable(const uint8_t* data, size_t size);

// "pclmul" or "tables": what Bzip2Crc uses on this CPU.
const char* Bzip2CrcMethod();

// The stream CRC: each block CRC folded into the running value.
inline uint32_t CombineStreamCrc(uint32_t combined, uint32_t block_crc) {
  return ((combined << 1) | (combined >> 31)) ^ block_crc;
}

}  // namespace unfold_io

#endif  // UNFOLD_IO_CORE_BZIP2_CRC_H_
