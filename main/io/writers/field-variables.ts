/**
 * Writes the input's moment fields as `(time, range)` variables, one moment at a time: each sweep is
 * decoded again, placed on the common range grid, encoded with the moment's packing, and the whole
 * variable is handed to HDF5 in one call. Peak memory is one moment of the whole volume (stored type)
 * plus one decoded sweep.
 */
import type { OpenedVolume } from '../../../common/volume';
import { momentInfo } from '../../../common/moments';
import { DIM_RANGE, DIM_TIME } from './cfradial-names';
import { allocateStorage, encodeRay, type FieldEncoding, type FieldStorage, floatEncoding } from './field-encoding';
import type { ExportPlan, MomentLayout } from './export-plan';
import { type NcAttributeSet, type NcAttributeValue, type NetCdf4Writer, nc } from './netcdf4-writer';

/** The `coordinates` attribute Py-ART writes on fields. */
export const FIELD_COORDINATES = 'elevation azimuth range';

/** A number attribute in the storage type of `encoding` (`_FillValue` must match the variable). */
export function typedValue(encoding: FieldEncoding, value: number): NcAttributeValue {
  return encoding.type === 'i16' ? nc.i16(value) : encoding.type === 'i32' ? nc.i32(value) : nc.f32(value);
}

function fieldAttributes(layout: MomentLayout, encoding: FieldEncoding): NcAttributeSet {
  const info = momentInfo(layout.moment);
  const attributes: Record<string, NcAttributeValue> = {
    _FillValue: typedValue(encoding, encoding.fill),
    long_name: info.longName,
    ...(info.standardName ? { standard_name: info.standardName } : {}),
    units: layout.units,
  };
  if (encoding.scale !== undefined && encoding.offset !== undefined) {
    attributes['scale_factor'] = nc.f32(encoding.scale);
    attributes['add_offset'] = nc.f32(encoding.offset);
  }
  attributes['coordinates'] = FIELD_COORDINATES;
  const comments = [...layout.resampled];
  if (layout.hadRangeFolded)
    comments.push('range-folded gates of the input are missing (fill) here, like gates below threshold');
  if (comments.length > 0) attributes['comment'] = comments.join('; ');
  return attributes;
}

/** Assemble one moment over the whole volume; null when a value does not fit `encoding`. */
async function assemble(
  volume: OpenedVolume,
  plan: ExportPlan,
  layout: MomentLayout,
  encoding: FieldEncoding,
): Promise<FieldStorage | null> {
  const gates = plan.grid.count;
  const storage = allocateStorage(encoding, plan.totalRays * gates);
  for (const { header, firstRay } of plan.sweeps) {
    const mapping = layout.mappings.get(header.index);
    if (!mapping) continue;
    const field = await volume.readField(header.index, layout.moment);
    for (let r = 0; r < header.rayCount; r++) {
      const ok = encodeRay(encoding, storage, (firstRay + r) * gates, field.data, r * field.gates, mapping.indices);
      if (!ok) return null;
    }
  }
  return storage;
}

/** Write every planned moment; `onMoment(done, total)` after each. */
export async function writeFields(
  w: NetCdf4Writer,
  volume: OpenedVolume,
  plan: ExportPlan,
  onMoment: (done: number, total: number) => void,
): Promise<void> {
  for (const [i, layout] of plan.moments.entries()) {
    let encoding = layout.encoding;
    let storage = await assemble(volume, plan, layout, encoding);
    if (!storage) {
      // A value outside the packing: keep the data, lose the packing.
      encoding = floatEncoding();
      storage = (await assemble(volume, plan, layout, encoding))!;
    }
    w.variable(layout.variable, [DIM_TIME, DIM_RANGE], encoding.type, storage, fieldAttributes(layout, encoding), {
      compress: true,
    });
    onMoment(i + 1, plan.moments.length);
    // Let the event loop breathe between moments (progress events, cancellation checks of callers).
    await new Promise((resolve) => setImmediate(resolve));
  }
}
