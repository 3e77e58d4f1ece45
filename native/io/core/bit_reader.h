// MSB-first bit reader over a byte range, as bzip2 packs its bit stream. A 64-bit buffer holds the next
// bits left-aligned; a refill tops it up to at least 56 bits with one unaligned 8-byte load while 8
// input bytes remain, byte by byte near the end. Past the end it supplies zero bits and counts them, so
// the hot loops need no bounds test per symbol: callers ask Overrun() at safe points (after a block,
// on an error) and report truncation. Header-only: the block decoder copies it into locals.
#ifndef UNFOLD_IO_CORE_BIT_READER_H_
#define UNFOLD_IO_CORE_BIT_READER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace unfold_io {

class BitReader {
 public:
  BitReader(const uint8_t* data, size_t size) : begin_(data), pos_(data), end_(data + size) {}

  // Make sure at least 56 bits are buffered (zeros past the end of the input).
  void Refill() {
    if (end_ - pos_ >= 8) {
      uint64_t word;
      std::memcpy(&word, pos_, 8);
      buf_ |= LoadBigEndian(word) >> count_;
      // bytes now fully counted; the bits of a partly counted byte are loaded again next time (same
      // values, so OR-ing them twice is harmless)
      pos_ += (63 - count_) >> 3;
      count_ |= 56;
      return;
    }
    while (count_ <= 56) {
      uint64_t byte = 0;
      if (pos_ < end_) {
        byte = *pos_++;
      } else {
        ++phantom_bytes_;
      }
      buf_ |= byte << (56 - count_);
      count_ += 8;
    }
  }

  // The next n bits (1..32) without consuming them; needs count() >= n.
  uint32_t Peek(unsigned n) const { return static_cast<uint32_t>(buf_ >> (64 - n)); }
  void Skip(unsigned n) {
    buf_ <<= n;
    count_ -= n;
  }

  // Read n bits (1..32) as an unsigned integer.
  uint32_t Bits(unsigned n) {
    if (count_ < n) Refill();
    const uint32_t v = Peek(n);
    Skip(n);
    return v;
  }
  uint32_t Bit() { return Bits(1); }

  unsigned count() const { return count_; }

  // True when more bits were consumed than the input holds (the stream is truncated).
  bool Overrun() const { return phantom_bytes_ * 8 > count_; }

  // Skip to the next byte boundary (a concatenated stream starts on one).
  void AlignToByte() { Skip(count_ & 7); }

  // Offset of the next unread byte from the start of the input; valid after AlignToByte().
  size_t BytePosition() const {
    return static_cast<size_t>(pos_ - begin_) + phantom_bytes_ - static_cast<size_t>(count_ >> 3);
  }

 private:
  static uint64_t LoadBigEndian(uint64_t v) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return v;
#elif defined(__GNUC__) || defined(__clang__)
    return __builtin_bswap64(v);
#else
    uint8_t b[8];
    std::memcpy(b, &v, 8);
    uint64_t r = 0;
    for (int i = 0; i < 8; ++i)
      r = (r << 8) | b[i];
    return r;
#endif
  }

  const uint8_t* begin_;
  const uint8_t* pos_;
  const uint8_t* end_;
  uint64_t buf_ = 0;          // unread bits, left-aligned; bits below the top count_ are zero or future bits
  unsigned count_ = 0;        // number of valid bits at the top of buf_ (0..63)
  size_t phantom_bytes_ = 0;  // zero bytes supplied after the end of the input
};

}  // namespace unfold_io

#endif  // UNFOLD_IO_CORE_BIT_READER_H_
