// Decodes one bzip2 block up to its Burrows-Wheeler-transformed text: the block header (randomised
// flag, origin pointer, symbol map, coding groups, MTF-coded selectors, delta-coded code lengths), then
// the Huffman-coded symbols, RUNA/RUNB run lengths and move-to-front positions into the block's last
// column (one byte per row). bzip2_bwt.h inverts the transform.
//
// Every count read from the stream is range-checked, so corrupt input fails fast with a Bzip2Error
// instead of running long or writing out of bounds.
#ifndef UNFOLD_IO_CORE_BZIP2_BLOCK_H_
#define UNFOLD_IO_CORE_BZIP2_BLOCK_H_

#include <cstdint>

#include "bit_reader.h"
#include "bzip2_huffman.h"
#include "bzip2_mtf.h"

namespace unfold_io {

// libbz2 1.0.8 reads at most this many selectors and ignores any beyond them.
constexpr unsigned kMaxSelectors = 18002;
constexpr unsigned kMaxGroups = 6;
// Bytes a run may write past the block end in one 16-byte store: the text buffer has this much slack.
constexpr unsigned kTextSlack = 32;

// Per-thread scratch for the block header and symbol decoding (about 27 KiB, reused across blocks).
struct BlockTables {
  HuffmanTable huffman[kMaxGroups];
  uint8_t selectors[kMaxSelectors];
  MtfList mtf;
};

struct DecodedBlock {
  uint32_t size = 0;          // bytes of BWT text (the block's last column)
  uint32_t orig_ptr = 0;      // row of the original text among the sorted rotations
  uint32_t counts[256] = {};  // how often each byte value occurs in the text
};

// Decode one block; the reader is positioned just after the block CRC. Writes the last column into
// text[0..size) (text holds block_max + kTextSlack bytes). block_max is the stream's block size
// (level x 100000 bytes).
void DecodeBlock(BitReader& reader, uint32_t block_max, BlockTables& tables, uint8_t* text, DecodedBlock* block);

}  // namespace unfold_io

#endif  // UNFOLD_IO_CORE_BZIP2_BLOCK_H_
