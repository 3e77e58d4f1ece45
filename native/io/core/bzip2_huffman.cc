// Canonical code assignment as bzip2's encoder does it: codes of each length are consecutive, in
// symbol order, shortest lengths first.
#include "bzip2_huffman.h"

#include <cstring>

#include "bzip2_error.h"

namespace unfold_io {

void BuildHuffmanTable(const uint8_t* lengths, unsigned alpha_size, HuffmanTable* table) {
  HuffmanTable& t = *table;
  std::memset(t.count, 0, sizeof t.count);
  unsigned max_length = 0;
  for (unsigned i = 0; i < alpha_size; ++i) {
    t.count[lengths[i]]++;
    if (lengths[i] > max_length) max_length = lengths[i];
  }
  t.max_length = max_length;
  uint32_t code = 0;
  uint32_t index = 0;
  for (unsigned len = 1; len <= kMaxCodeLength; ++len) {
    t.first[len] = code;
    t.offset[len] = index;
    code += t.count[len];
    index += t.count[len];
    // more codes of this length than the code space holds: the lengths cannot come from an encoder
    if (code > (1u << len)) ThrowCorrupt("over-subscribed Huffman code");
    code <<= 1;
  }
  uint32_t next[kMaxCodeLength + 1];
  std::memcpy(next, t.offset, sizeof next);
  for (unsigned sym = 0; sym < alpha_size; ++sym)
    t.symbols[next[lengths[sym]]++] = static_cast<uint16_t>(sym);

  std::memset(t.lut, 0, sizeof t.lut);
  const unsigned short_max = max_length < kLutBits ? max_length : kLutBits;
  for (unsigned len = 1; len <= short_max; ++len) {
    for (uint32_t k = 0; k < t.count[len]; ++k) {
      const uint16_t entry = static_cast<uint16_t>((t.symbols[t.offset[len] + k] << 5) | len);
      const uint32_t start = (t.first[len] + k) << (kLutBits - len);
      const uint32_t span = 1u << (kLutBits - len);
      for (uint32_t j = 0; j < span; ++j)
        t.lut[start + j] = entry;
    }
  }
}

}  // namespace unfold_io
