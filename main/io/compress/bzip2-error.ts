/**
 * The error the bzip2 decoder throws. `kind` lets callers map it onto their own error codes (the radar
 * opener and the NEXRAD reader turn it into a ReaderError that names the file).
 */
export type Bzip2ErrorKind = 'truncated' | 'corrupt' | 'too-large' | 'unsupported';

export class Bzip2Error extends Error {
  readonly kind: Bzip2ErrorKind;

  constructor(kind: Bzip2ErrorKind, message: string) {
    super(message);
    this.name = 'Bzip2Error';
    this.kind = kind;
  }
}
