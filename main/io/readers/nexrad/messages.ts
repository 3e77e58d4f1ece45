/**
 * Walks the messages of one chunk (decompressed record or legacy message stream). Every message starts
 * with a 12-byte channel terminal manager (CTM) header and a 16-byte message header: size in halfwords,
 * channel, type, sequence number, date, time, segment count and number. Message 31 has a variable
 * size (12 + size*2 bytes); every other type occupies a fixed 2432-byte slot.
 */
export const CTM_BYTES = 12;
export const MESSAGE_HEADER_BYTES = 16;
export const FIXED_MESSAGE_BYTES = 2432;

export interface MessageRef {
  type: number;
  /** byte offset of the message header (after the CTM header) */
  offset: number;
  /** bytes from the message header to the end of the message */
  length: number;
}

export interface MessageScan {
  messages: MessageRef[];
  /** the chunk ends inside a message (a truncated legacy file) */
  truncated: boolean;
  /** a message-31 size field that cannot be right (smaller than its own headers) */
  badSizeAt: number | null;
}

/** List the messages of one chunk. Stops at the first inconsistency and reports it. */
export function scanMessages(chunk: Uint8Array): MessageScan {
  const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const messages: MessageRef[] = [];
  let pos = 0;
  while (pos < chunk.length) {
    const header = pos + CTM_BYTES;
    if (header + MESSAGE_HEADER_BYTES > chunk.length) {
      // zero padding at the end of a record is normal; anything else is a message cut short
      const rest = chunk.subarray(pos);
      return { messages, truncated: rest.some((b) => b !== 0), badSizeAt: null };
    }
    const halfwords = view.getUint16(header);
    const type = view.getUint8(header + 3);
    let next: number;
    if (type === 31) {
      if (halfwords * 2 < MESSAGE_HEADER_BYTES + 32) return { messages, truncated: false, badSizeAt: pos };
      next = header + halfwords * 2;
    } else {
      next = pos + FIXED_MESSAGE_BYTES;
    }
    if (next > chunk.length) {
      const rest = chunk.subarray(pos);
      return { messages, truncated: rest.some((b) => b !== 0), badSizeAt: null };
    }
    if (type !== 0) messages.push({ type, offset: header, length: next - header });
    pos = next;
  }
  return { messages, truncated: false, badSizeAt: null };
}
