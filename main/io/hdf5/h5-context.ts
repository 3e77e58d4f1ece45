/**
 * What the helper modules of `Hdf5File` (attribute reads, dimension scales) need of an open file:
 * h5wasm's module and attribute class, the file's id, its guards, and its error maker. Passed as a
 * plain object so that those modules stay free functions, testable without the class.
 */
import type { ReaderError } from '../reader-error';
import type { Hdf5Guards } from './h5-guards';
import type { H5Module, H5Runtime } from './h5wasm-runtime';

export interface H5Context {
  module: H5Module;
  Attribute: H5Runtime['Attribute'];
  fileId: bigint;
  guards: Hdf5Guards;
  /** a ReaderError "cannot read <what>" naming the file */
  fail(what: string, err?: unknown): ReaderError;
}
