/**
 * The one error type of the CfRadial exporter. Its message always names the target file and says what
 * went wrong, so the export service, the CLI and the workbench can show it as is; `code` lets them
 * react (ask for another folder on 'permission', free space on 'no-space', ...).
 */
import { describeWriteError } from '../../util/atomic-write';

export type ExportErrorCode = 'same-as-input' | 'no-space' | 'permission' | 'not-found' | 'io' | 'invalid';

export class ExportError extends Error {
  readonly code: ExportErrorCode;

  constructor(code: ExportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExportError';
    this.code = code;
  }
}

/** Turn a Node fs error (or anything thrown while writing `path`) into an ExportError naming `path`. */
export function exportErrorFrom(path: string, err: unknown): ExportError {
  if (err instanceof ExportError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EISDIR') return new ExportError('io', `${path}: is a folder, not a file name`, { cause: err });
  const described = describeWriteError(path, err);
  return new ExportError(described.code, described.message, { cause: err });
}
