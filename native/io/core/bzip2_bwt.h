// The back half of bzip2 decoding: the inverse Burrows-Wheeler transform of one block, then the
// initial run-length coding (4 equal bytes + a repeat count) undone into the output, and the block CRC.
//
// The inverse transform follows a chain of links through a 3.6 MB table (a 900 kB block): one cache
// miss after another, so it is bound by memory latency, not by arithmetic. Two independent chains run
// interleaved to overlap their misses: one walks forward from the original row (T-vector, producing
// the first half of the text), the other backward (LF mapping, producing the second half from its
// end). Both link tables come out of the same counting pass.
#ifndef UNFOLD_IO_CORE_BZIP2_BWT_H_
#define UNFOLD_IO_CORE_BZIP2_BWT_H_

#include <cstdint>

#include "bzip2_block.h"
#include "output_buffer.h"

namespace unfold_io {

// Invert the transform: text[0..block.size) holds the last column on entry and the block's text (before
// run-length decoding) on return. forward and backward hold block.size entries each.
void InverseBwt(const DecodedBlock& block, uint8_t* text, uint32_t* forward, uint32_t* backward);

// Undo the initial run-length coding of text[0..size), appending to out (cap enforced). Returns the
// bzip2 CRC of the bytes appended.
uint32_t UndoInitialRunLengths(const uint8_t* text, uint32_t size, OutputBuffer& out);

}  // namespace unfold_io

#endif  // UNFOLD_IO_CORE_BZIP2_BWT_H_
