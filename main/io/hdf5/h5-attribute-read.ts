/**
 * Reads one HDF5 attribute for `Hdf5File`, with the guards applied between its metadata and its
 * value: h5wasm's Attribute reads the metadata in its constructor (so the check costs no extra call)
 * and the value only when asked, which is where HDF5 would allocate an absurd size or walk a damaged
 * global heap.
 */
import { type H5AttributeValue, normaliseAttribute } from './h5-attributes';
import type { H5Context } from './h5-context';

/**
 * The normalised value, or undefined when HDF5 cannot read it or it is of a type the readers do not
 * use (references, opaque): such an attribute must not stop a reader. The guards' ReaderErrors
 * propagate: they mean the file is damaged.
 */
export function readAttribute(ctx: H5Context, objectPath: string, name: string): H5AttributeValue | undefined {
  let attribute: InstanceType<H5Context['Attribute']>;
  try {
    attribute = new ctx.Attribute(ctx.fileId, objectPath, name);
  } catch {
    return undefined;
  }
  ctx.guards.attribute(`${objectPath} attribute ${name}`, attribute.metadata);
  try {
    return normaliseAttribute(attribute.value);
  } catch {
    return undefined;
  }
}
