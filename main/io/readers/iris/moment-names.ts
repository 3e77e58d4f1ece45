/**
 * Maps the data types of an IRIS file onto Unfold moment names (through the `iris` aliases of the
 * moment registry). When two data types map to the same moment (DBZ and DBZ2, say), the 2-byte one
 * takes the registry name, being the more precise, and the other keeps its IRIS name.
 */
import { momentFromSourceName, type MomentName } from '../../../../common/moments';
import { DATA_TYPE_XHDR, irisDataType, type ConversionContext, type IrisDataType } from './data-types';

export interface IrisMoment {
  /** position of the data type in the file's data-type mask (rays are interleaved in this order) */
  slot: number;
  type: IrisDataType;
  moment: MomentName;
}

export function assignMoments(dataTypes: number[], ctx: ConversionContext, warnings: string[]): IrisMoment[] {
  const decodable: Array<{ slot: number; type: IrisDataType }> = [];
  const unknown: number[] = [];
  dataTypes.forEach((code, slot) => {
    if (code === DATA_TYPE_XHDR) return;
    const type = irisDataType(code);
    if (!type) unknown.push(code);
    else if (type.needsNyquist && ctx.nyquist === null) {
      warnings.push(
        `${type.name} is coded relative to the Nyquist velocity, which PRF and wavelength do not give here; not decoded`,
      );
    } else decodable.push({ slot, type });
  });
  if (unknown.length) warnings.push(`IRIS data types ${unknown.join(', ')} are not decoded`);
  const byPrecision = [...decodable].sort((a, b) => b.type.bytes - a.type.bytes || a.slot - b.slot);
  const taken = new Set<MomentName>();
  const named = byPrecision.map(({ slot, type }) => {
    const preferred = momentFromSourceName('iris', type.name);
    const moment = taken.has(preferred) ? type.name : preferred;
    taken.add(moment);
    return { slot, type, moment };
  });
  return named.sort((a, b) => a.slot - b.slot);
}
