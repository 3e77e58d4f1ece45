// Canonical Huffman decoding tables for bzip2's coding groups (2..6 tables of up to 258 symbols, code
// lengths 1..20 bits). Codes of up to kLutBits bits decode with one lookup; longer codes, rare in
// practice, fall back to a search over the code lengths.
#ifndef UNFOLD_IO_CORE_BZIP2_HUFFMAN_H_
#define UNFOLD_IO_CORE_BZIP2_HUFFMAN_H_

#include <cstdint>

namespace unfold_io {

// 2^11 two-byte entries = 4 KiB per table; six tables stay inside a 32 KiB L1 data cache.
constexpr unsigned kLutBits = 11;
constexpr unsigned kMaxCodeLength = 20;
constexpr unsigned kMaxAlphaSize = 258;

struct HuffmanTable {
  // indexed by the next kLutBits bits: (symbol << 5) | code length, or 0 for "a longer code"
  uint16_t lut[1u << kLutBits];
  // per code length L: the first canonical code of length L, the number of such codes, and the index
  // in `symbols` of the first symbol with that length
  uint32_t first[kMaxCodeLength + 1];
  uint32_t count[kMaxCodeLength + 1];
  uint32_t offset[kMaxCodeLength + 1];
  uint16_t symbols[kMaxAlphaSize];  // sorted by (code length, symbol)
  unsigned max_length;
};

// Build the table of one coding group from its code lengths (lengths[i] in 1..20 for symbol i).
// Throws Bzip2Error (corrupt) when the lengths over-subscribe the code space.
void BuildHuffmanTable(const uint8_t* lengths, unsigned alpha_size, HuffmanTable* table);

// Decode a code longer than kLutBits from the next 20 bits of the stream (`top20`, MSB first).
// Returns (symbol << 5) | length, or 0 when no code matches (corrupt data).
inline uint32_t DecodeLongCode(const HuffmanTable& t, uint32_t top20) {
  for (unsigned len = kLutBits + 1; len <= t.max_length; ++len) {
    const uint32_t k = (top20 >> (kMaxCodeLength - len)) - t.first[len];
    if (k < t.count[len]) return (uint32_t{t.symbols[t.offset[len] + k]} << 5) | len;
  }
  return 0;
}

}  // namespace unfold_io

#endif  // UNFOLD_IO_CORE_BZIP2_HUFFMAN_H_
