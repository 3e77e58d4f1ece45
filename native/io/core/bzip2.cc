// Stream layer of the bzip2 decoder: header, block loop with CRCs, end-of-stream marker, concatenated
// streams. The block work is in bzip2_block.cc (symbols) and bzip2_bwt.cc (inverse transform).
#include "bzip2.h"

#include <new>
#include <string>

#include "bzip2_bwt.h"
#include "bzip2_crc.h"

namespace unfold_io {
namespace {

constexpr uint64_t kBlockMagic = 0x314159265359ull;  // BCD pi
constexpr uint64_t kEndMagic = 0x177245385090ull;    // BCD sqrt(pi)

uint64_t Bits48(BitReader& r) {
  const uint64_t hi = r.Bits(24);
  return (hi << 24) | r.Bits(24);
}

[[noreturn]] void ThrowTruncated(const char* where) {
  throw Bzip2Error(Bzip2ErrorKind::kTruncated, std::string("bzip2 data is truncated (") + where + ")");
}

}  // namespace

const char* Bzip2ErrorKindName(Bzip2ErrorKind kind) {
  switch (kind) {
    case Bzip2ErrorKind::kCorrupt:
      return "corrupt";
    case Bzip2ErrorKind::kTruncated:
      return "truncated";
    case Bzip2ErrorKind::kTooLarge:
      return "too-large";
    case Bzip2ErrorKind::kUnsupported:
      return "unsupported";
  }
  return "corrupt";
}

void ThrowCorrupt(const char* what) {
  throw Bzip2Error(Bzip2ErrorKind::kCorrupt, std::string("bzip2 data is corrupt (") + what + ")");
}

bool IsBzip2Header(const uint8_t* data, size_t size) {
  return size >= 4 && data[0] == 'B' && data[1] == 'Z' && data[2] == 'h' && data[3] >= '1' && data[3] <= '9';
}

Bzip2Decoder::Bzip2Decoder() = default;
Bzip2Decoder::~Bzip2Decoder() = default;

void Bzip2Decoder::Reserve(uint32_t block_max) {
  // allocated here, inside Decompress's try block, so that running out of memory is a status
  if (!tables_) tables_.reset(new BlockTables());
  if (capacity_ >= block_max) return;
  // uninitialised on purpose: every byte is written before it is read
  text_.reset(new uint8_t[block_max + kTextSlack]);
  forward_.reset(new uint32_t[block_max]);
  backward_.reset(new uint32_t[block_max]);
  capacity_ = block_max;
}

void Bzip2Decoder::DecodeStream(BitReader& reader, OutputBuffer& out) {
  reader.Bits(24);                                              // 'BZh', checked by the caller
  const uint32_t block_max = (reader.Bits(8) - '0') * 100000u;  // level '1'..'9': 100k..900k bytes per block
  Reserve(block_max);
  uint32_t combined = 0;
  for (unsigned block_index = 0;; ++block_index) {
    const uint64_t magic = Bits48(reader);
    if (magic == kBlockMagic) {
      const uint32_t stored_crc = reader.Bits(32);
      DecodedBlock block;
      DecodeBlock(reader, block_max, *tables_, text_.get(), &block);
      InverseBwt(block, text_.get(), forward_.get(), backward_.get());
      const uint32_t crc = UndoInitialRunLengths(text_.get(), block.size, out);
      if (crc != stored_crc) {
        throw Bzip2Error(Bzip2ErrorKind::kCorrupt,
                         "bzip2 data is corrupt (CRC mismatch in block " + std::to_string(block_index) + ")");
      }
      combined = CombineStreamCrc(combined, crc);
    } else if (magic == kEndMagic) {
      const uint32_t stored_combined = reader.Bits(32);
      if (reader.Overrun()) ThrowTruncated("in the end-of-stream marker");
      if (stored_combined != combined) ThrowCorrupt("stream CRC mismatch");
      return;
    } else if (reader.Overrun()) {
      ThrowTruncated("before the end-of-stream marker");
    } else {
      throw Bzip2Error(Bzip2ErrorKind::kCorrupt,
                       "bzip2 data is corrupt (bad block signature after block " + std::to_string(block_index) + ")");
    }
  }
}

Bzip2Status Bzip2Decoder::Decompress(const uint8_t* data, size_t size, size_t max_output, OutputBuffer* out) {
  Bzip2Status status;
  try {
    if (!IsBzip2Header(data, size)) throw Bzip2Error(Bzip2ErrorKind::kCorrupt, "not bzip2 data (no BZh header)");
    // radar records compress about 7:1; start near that and grow by doubling
    out->Reset(max_output, size * 8);
    size_t start = 0;
    do {
      BitReader reader(data + start, size - start);
      DecodeStream(reader, *out);
      reader.AlignToByte();
      start += reader.BytePosition();
    } while (start < size && IsBzip2Header(data + start, size - start));
  } catch (const Bzip2Error& e) {
    status.ok = false;
    status.kind = e.kind();
    status.message = e.what();
  } catch (const std::bad_alloc&) {
    status.ok = false;
    status.kind = Bzip2ErrorKind::kTooLarge;
    status.message = "out of memory while decompressing bzip2 data";
  }
  return status;
}

}  // namespace unfold_io
