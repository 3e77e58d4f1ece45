// Inverse BWT with two interleaved chains, and run-length decoding (see bzip2_bwt.h).
#include "bzip2_bwt.h"

#include <algorithm>
#include <cstring>

#include "bzip2_crc.h"

namespace unfold_io {

void InverseBwt(const DecodedBlock& block, uint8_t* text, uint32_t* forward, uint32_t* backward) {
  const uint32_t n = block.size;
  // where each byte value's rows start in the sorted first column
  uint32_t next[256];
  for (uint32_t b = 0, sum = 0; b < 256; ++b) {
    next[b] = sum;
    sum += block.counts[b];
  }
  // Row i of the last column holds byte b; its rotation sorts to row j = LF(i) of the first column.
  // forward[j] = (i << 8) | first-column byte of j: from a row to the rotation one text position later.
  // backward[i] = (j << 8) | last-column byte of i: from a row to the rotation one position earlier.
  for (uint32_t i = 0; i < n; ++i) {
    const uint8_t b = text[i];
    const uint32_t j = next[b]++;
    forward[j] = (i << 8) | b;
    backward[i] = (j << 8) | b;
  }
  // The original text is the rotation at row orig_ptr: its first-column byte is text[0], its
  // last-column byte is text[n - 1].
  const uint32_t half = n / 2;
  uint32_t f = block.orig_ptr;
  uint32_t r = block.orig_ptr;
  uint8_t* front = text;
  uint8_t* back = text + n;
  for (uint32_t k = 0; k < half; ++k) {
    const uint32_t ef = forward[f];
    const uint32_t eb = backward[r];
    *front++ = static_cast<uint8_t>(ef);
    *--back = static_cast<uint8_t>(eb);
    f = ef >> 8;
    r = eb >> 8;
  }
  if (back != front) *--back = static_cast<uint8_t>(backward[r]);  // odd n: the middle byte
}

uint32_t UndoInitialRunLengths(const uint8_t* text, uint32_t size, OutputBuffer& out) {
  const size_t start = out.size();
  uint32_t i = 0;
  uint32_t last = 256;  // no byte yet
  uint32_t run = 0;
  while (i < size) {
    out.MakeRoom();
    uint8_t* o = out.data() + out.size();
    // each input byte writes at most kOutputMargin bytes: no bounds test needed for this many
    const uint32_t room =
        static_cast<uint32_t>(std::min<size_t>(size - i, (out.capacity() - out.size()) / kOutputMargin));
    const uint32_t stop = i + room;
    for (; i < stop; ++i) {
      const uint8_t b = text[i];
      *o++ = b;
      run = b == last ? run + 1 : 1;
      last = b;
      if (run == 4) {
        // the byte after 4 equal bytes is a count of further repeats (a block may not end with it)
        if (i + 1 >= size) {
          i = size;
          break;
        }
        const uint8_t repeats = text[++i];
        // 16-byte stores (the margin covers the overshoot): cheaper than a memset call for short runs
        uint8_t pattern[16];
        std::memset(pattern, b, sizeof pattern);
        for (uint32_t k = 0; k < repeats; k += 16)
          std::memcpy(o + k, pattern, sizeof pattern);
        o += repeats;
        run = 0;
        last = 256;
      }
    }
    out.set_size(static_cast<size_t>(o - out.data()));
  }
  out.CheckLimit();
  return Bzip2Crc(out.data() + start, out.size() - start);
}

}  // namespace unfold_io
