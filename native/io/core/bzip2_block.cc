// Block header parsing and the symbol hot loop of the bzip2 decoder (see bzip2_block.h).
#include "bzip2_block.h"

#include <cstring>

#include "bzip2_error.h"

namespace unfold_io {
namespace {

// symbols per selector group
constexpr unsigned kGroupSize = 50;

// A check failed: when the reader already ran past the end of the input, the real cause is truncation
// (the zero bits it supplied decoded into nonsense), otherwise the data is corrupt.
[[noreturn]] void Fail(const BitReader& r, const char* what) {
  if (r.Overrun()) throw Bzip2Error(Bzip2ErrorKind::kTruncated, "bzip2 data is truncated (in a block)");
  ThrowCorrupt(what);
}

struct BlockHeader {
  uint32_t orig_ptr;
  uint8_t seq_to_unseq[256];  // the byte values present in the block, in increasing order
  unsigned n_in_use;
  unsigned n_groups;
  unsigned n_selectors;  // selectors kept (at most kMaxSelectors)
};

// Symbol map: which byte values occur in the block (16 flags for 16-value ranges, then 16 flags each).
void ReadSymbolMap(BitReader& r, BlockHeader& h) {
  const uint32_t used16 = r.Bits(16);
  unsigned n = 0;
  for (unsigned i = 0; i < 16; ++i) {
    if ((used16 & (0x8000u >> i)) == 0) continue;
    const uint32_t bits16 = r.Bits(16);
    for (unsigned j = 0; j < 16; ++j) {
      if (bits16 & (0x8000u >> j)) h.seq_to_unseq[n++] = static_cast<uint8_t>(i * 16 + j);
    }
  }
  if (n == 0) Fail(r, "empty symbol map");
  h.n_in_use = n;
}

// Selectors: which coding group codes each run of 50 symbols, MTF-coded in unary.
void ReadSelectors(BitReader& r, BlockHeader& h, uint8_t* selectors) {
  const unsigned n_selectors = r.Bits(15);
  if (n_selectors < 1) Fail(r, "no selectors");
  uint8_t mtf[kMaxGroups] = {0, 1, 2, 3, 4, 5};
  for (unsigned i = 0; i < n_selectors; ++i) {
    unsigned j = 0;
    while (r.Bit()) {
      if (++j >= h.n_groups) Fail(r, "selector out of range");
    }
    const uint8_t v = mtf[j];
    for (; j > 0; --j)
      mtf[j] = mtf[j - 1];
    mtf[0] = v;
    if (i < kMaxSelectors) selectors[i] = v;
  }
  h.n_selectors = n_selectors < kMaxSelectors ? n_selectors : kMaxSelectors;
}

// Delta-coded code lengths of each coding group, then their decoding tables.
void ReadTables(BitReader& r, const BlockHeader& h, HuffmanTable* tables) {
  const unsigned alpha_size = h.n_in_use + 2;
  uint8_t lengths[kMaxAlphaSize];
  for (unsigned t = 0; t < h.n_groups; ++t) {
    int len = static_cast<int>(r.Bits(5));
    for (unsigned i = 0; i < alpha_size; ++i) {
      for (;;) {
        if (len < 1 || len > static_cast<int>(kMaxCodeLength)) Fail(r, "code length out of range");
        if (!r.Bit()) break;
        len += r.Bit() ? -1 : 1;
      }
      lengths[i] = static_cast<uint8_t>(len);
    }
    if (r.Overrun()) throw Bzip2Error(Bzip2ErrorKind::kTruncated, "bzip2 data is truncated (in a block header)");
    BuildHuffmanTable(lengths, alpha_size, &tables[t]);
  }
}

// Write `n` copies of b at dst; dst has at least kTextSlack bytes of room past dst + n.
inline void FillRun(uint8_t* dst, uint8_t b, uint32_t n) {
  if (n <= 16) {
    uint8_t pattern[16];
    std::memset(pattern, b, 16);
    std::memcpy(dst, pattern, 16);  // one store; the bytes past n are overwritten later or unused
  } else {
    std::memset(dst, b, n);
  }
}

// The hot loop: Huffman symbols -> runs of the front byte (RUNA/RUNB) and MTF positions -> bytes of the
// block's last column. Returns the number of bytes written.
uint32_t ReadSymbols(BitReader& reader, const BlockHeader& h, uint32_t block_max, BlockTables& tables, uint8_t* text,
                     uint32_t* counts) {
  MtfList& mtf = tables.mtf;
  mtf.Reset(h.seq_to_unseq, h.n_in_use);
  const uint32_t eob = h.n_in_use + 1;
  BitReader r = reader;  // a local copy keeps the bit buffer in registers
  uint32_t n = 0;
  uint32_t run = 0;
  uint32_t weight = 1;
  unsigned group_left = 0;
  unsigned selector = 0;
  const HuffmanTable* table = &tables.huffman[0];
  for (;;) {
    if (group_left == 0) {
      if (selector >= h.n_selectors) Fail(r, "ran out of selectors");
      table = &tables.huffman[tables.selectors[selector++]];
      group_left = kGroupSize;
    }
    --group_left;
    if (r.count() < kMaxCodeLength) r.Refill();
    uint32_t entry = table->lut[r.Peek(kLutBits)];
    if (entry == 0) {
      entry = DecodeLongCode(*table, r.Peek(kMaxCodeLength));
      if (entry == 0) Fail(r, "invalid Huffman code");
    }
    r.Skip(entry & 31);
    const uint32_t sym = entry >> 5;
    if (sym <= 1) {
      // RUNA (0) / RUNB (1): bijective base-2 digits of a run of the front byte, least significant first
      run += weight << sym;
      weight <<= 1;
      if (run > block_max) Fail(r, "run longer than the block");
      continue;
    }
    if (run > 0) {
      if (run > block_max - n) Fail(r, "block longer than its declared size");
      const uint8_t b = mtf.Front();
      counts[b] += run;
      FillRun(text + n, b, run);
      n += run;
      run = 0;
      weight = 1;
    }
    if (sym == eob) break;
    if (n >= block_max) Fail(r, "block longer than its declared size");
    // symbol s stands for the byte at position s - 1 of the MTF list
    const uint8_t b = mtf.Take(sym - 1);
    counts[b]++;
    text[n++] = b;
  }
  reader = r;
  if (reader.Overrun()) throw Bzip2Error(Bzip2ErrorKind::kTruncated, "bzip2 data is truncated (in a block)");
  return n;
}

}  // namespace

void DecodeBlock(BitReader& reader, uint32_t block_max, BlockTables& tables, uint8_t* text, DecodedBlock* block) {
  if (reader.Bit()) {
    throw Bzip2Error(Bzip2ErrorKind::kUnsupported, "randomised bzip2 blocks (bzip2 < 0.9.5) are not supported");
  }
  BlockHeader h;
  h.orig_ptr = reader.Bits(24);
  ReadSymbolMap(reader, h);
  h.n_groups = reader.Bits(3);
  if (h.n_groups < 2 || h.n_groups > kMaxGroups) Fail(reader, "wrong number of coding groups");
  ReadSelectors(reader, h, tables.selectors);
  ReadTables(reader, h, tables.huffman);
  std::memset(block->counts, 0, sizeof block->counts);
  block->size = ReadSymbols(reader, h, block_max, tables, text, block->counts);
  block->orig_ptr = h.orig_ptr;
  if (h.orig_ptr >= block->size) Fail(reader, "origin pointer outside the block");
}

}  // namespace unfold_io
