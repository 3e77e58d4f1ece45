/**
 * The one error type radar readers and writers throw. Its message always names the file, so whatever
 * shows it (the CLI, the workbench, a test) tells the user which file failed and why.
 */
import { basename } from 'node:path';

export type ReaderErrorCode =
  | 'not-found'
  | 'permission'
  | 'unrecognised-format'
  | 'truncated'
  | 'corrupt'
  | 'unsupported'
  | 'missing-moment'
  | 'missing-nyquist'
  | 'too-large'
  | 'io';

export class ReaderError extends Error {
  readonly code: ReaderErrorCode;
  readonly path: string;

  constructor(code: ReaderErrorCode, path: string, problem: string, options?: { cause?: unknown }) {
    super(`${basename(path)}: ${problem}`, options);
    this.name = 'ReaderError';
    this.code = code;
    this.path = path;
  }
}
