// bzip2 decompression: the public entry of the core (pure C++, no Node headers). Handles multi-block
// and concatenated streams, refuses randomised blocks, checks every block CRC and the stream CRC, and
// caps the output size. Used by the addon (binding/) and the C++ test driver (tests/).
//
// A Bzip2Decoder owns the scratch memory of one thread (about 10 MB for level-9 blocks: the last
// column, two link tables, Huffman tables) and reuses it across calls; it is not shareable between
// threads.
#ifndef UNFOLD_IO_CORE_BZIP2_H_
#define UNFOLD_IO_CORE_BZIP2_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "bzip2_block.h"
#include "bzip2_error.h"
#include "output_buffer.h"

namespace unfold_io {

// True when data[0..size) starts with a bzip2 stream header ('BZh' + level '1'..'9').
bool IsBzip2Header(const uint8_t* data, size_t size);

struct Bzip2Status {
  bool ok = true;
  Bzip2ErrorKind kind = Bzip2ErrorKind::kCorrupt;
  std::string message;
};

class Bzip2Decoder {
 public:
  Bzip2Decoder();
  ~Bzip2Decoder();
  Bzip2Decoder(const Bzip2Decoder&) = delete;
  Bzip2Decoder& operator=(const Bzip2Decoder&) = delete;

  // Decompress the stream(s) in data[0..size) into `out` (emptied first), at most max_output bytes.
  // Bytes after the last complete stream that do not start another stream are ignored, as the bzip2
  // tool does. Never throws for bad input: the status says what is wrong (out is then unspecified).
  Bzip2Status Decompress(const uint8_t* data, size_t size, size_t max_output, OutputBuffer* out);

 private:
  void DecodeStream(BitReader& reader, OutputBuffer& out);
  void Reserve(uint32_t block_max);

  std::unique_ptr<BlockTables> tables_;
  std::unique_ptr<uint8_t[]> text_;
  std::unique_ptr<uint32_t[]> forward_;
  std::unique_ptr<uint32_t[]> backward_;
  uint32_t capacity_ = 0;  // block bytes the arrays hold
};

}  // namespace unfold_io

#endif  // UNFOLD_IO_CORE_BZIP2_H_
