/**
 * Parses the headers of one UF record (one ray): the mandatory header, the data header and the field
 * headers (UF spec: Barnes 1980, BAMS 61(11); NCAR's UfDoc.txt; IRIS Programmer's Manual appendix).
 * All words are big-endian int16; header positions are 1-based word numbers within the record.
 * Every position is checked against the record so a corrupt header gives a message, never a read
 * outside the record. Gate data is not read here; `uf-reader.ts` decodes it on demand.
 */
import { MANDATORY_HEADER_WORDS } from './framing';

/** More gates than this in one ray is a corrupt header. */
const MAX_GATES = 16_384;
/** More fields than this in one record is a corrupt header. */
const MAX_FIELDS = 256;
/** Field names whose field header carries the Nyquist velocity in word 20 (UF velocity fields). */
const VELOCITY_FIELDS = new Set(['VR', 'VE', 'VF', 'VT', 'VP', 'VEL']);

export interface UfFieldHeader {
  name: string;
  /** 0-based word index of the first gate within the record */
  dataWord: number;
  /** stored value = physical value × scale */
  scale: number;
  gates: number;
  /** metres to the centre of the first gate (range km × 1000 + adjustment m) */
  firstGate: number;
  /** metres between gates */
  spacing: number;
  /** m/s, from field header word 20 of velocity fields; null when absent */
  nyquist: number | null;
  /** µs; 0 when not given */
  prt: number;
  /** metres; 0 when not given */
  wavelength: number;
  /** degrees */
  beamWidthH: number;
  beamWidthV: number;
}

export interface UfRay {
  /** byte offset of the record in the content */
  offset: number;
  sweepNumber: number;
  /** 0 calibration, 1 PPI, 2 coplane, 3 RHI, 4 vertical, 5 target, 6 manual, 7 idle */
  sweepMode: number;
  /** degrees */
  azimuth: number;
  elevation: number;
  fixedAngle: number;
  /** seconds since epoch, UTC */
  time: number;
  missingValue: number;
  radarName: string;
  siteName: string;
  /** degrees, metres */
  latitude: number;
  longitude: number;
  altitude: number;
  fields: UfFieldHeader[];
}

/** Thrown with a description of what is wrong; the reader adds the file name and record number. */
export class UfRecordError extends Error {}

class Words {
  constructor(
    private readonly view: DataView,
    private readonly offset: number,
    readonly count: number,
  ) {}
  /** Signed word at a 1-based word number. */
  at(word: number): number {
    if (!(word >= 1 && word <= this.count)) throw new UfRecordError(`header word ${word} lies outside the record`);
    return this.view.getInt16(this.offset + (word - 1) * 2, false);
  }
  text(word: number, chars: number): string {
    let s = '';
    for (let i = 0; i < chars; i++) {
      const w = this.at(word + (i >> 1));
      const c = (i & 1) === 0 ? (w >> 8) & 0xff : w & 0xff;
      if (c === 0) break;
      s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?';
    }
    return s.trim();
  }
}

/** 2-digit years (the MC3E file says "11") are taken as 1970–2069. */
function ufTime(w: Words): number {
  let year = w.at(26);
  if (year >= 0 && year < 100) year += year < 70 ? 2000 : 1900;
  const [month, day, hour, minute, second] = [27, 28, 29, 30, 31].map((i) => w.at(i)) as number[];
  const ok =
    year >= 1900 && year <= 2200 && month! >= 1 && month! <= 12 && day! >= 1 && day! <= 31 && hour! >= 0 && hour! <= 24;
  if (!ok || minute! < 0 || minute! > 59 || second! < 0 || second! > 60) {
    throw new UfRecordError(`invalid date ${year}-${month}-${day} ${hour}:${minute}:${second}`);
  }
  // Date.UTC rolls hour 24 over to the next day, which is what writers that say 24:00:00 mean.
  return Date.UTC(year, month! - 1, day!, hour!, minute!, second!) / 1000;
}

/** Degrees from the degrees, minutes and seconds×64 words (all carry the sign). */
const dms = (w: Words, first: number): number => w.at(first) + w.at(first + 1) / 60 + w.at(first + 2) / 64 / 3600;

function parseField(w: Words, name: string, headerWord: number): UfFieldHeader {
  if (headerWord < 1 || headerWord + 18 > w.count)
    throw new UfRecordError(`field ${name} header lies outside the record`);
  const dataWord = w.at(headerWord);
  const scale = w.at(headerWord + 1);
  const gates = w.at(headerWord + 5);
  if (scale <= 0) throw new UfRecordError(`field ${name} has scale factor ${scale}`);
  if (gates < 0 || gates > MAX_GATES) throw new UfRecordError(`field ${name} has ${gates} gates`);
  if (dataWord < 1 || dataWord - 1 + gates > w.count)
    throw new UfRecordError(`field ${name} data lies outside the record`);
  // Word 20 of a velocity field header holds the Nyquist velocity × scale, when the header is that long.
  const rawNyquist = VELOCITY_FIELDS.has(name) && dataWord - headerWord >= 21 ? w.at(headerWord + 19) : 0;
  const wavelengthCm = w.at(headerWord + 11) / 64;
  return {
    name,
    dataWord: dataWord - 1,
    scale,
    gates,
    firstGate: w.at(headerWord + 2) * 1000 + w.at(headerWord + 3),
    spacing: w.at(headerWord + 4),
    nyquist: rawNyquist > 0 ? rawNyquist / scale : null,
    prt: Math.max(0, w.at(headerWord + 17)),
    wavelength: wavelengthCm > 0 ? wavelengthCm / 100 : 0,
    beamWidthH: w.at(headerWord + 7) / 64,
    beamWidthV: w.at(headerWord + 8) / 64,
  };
}

/** Parse the headers of the record at `offset` (`length` bytes). Throws UfRecordError when corrupt. */
export function parseRay(view: DataView, offset: number, length: number): UfRay {
  const w = new Words(view, offset, length >> 1);
  if (w.count < MANDATORY_HEADER_WORDS) throw new UfRecordError('the record is shorter than the mandatory header');
  const dataHeader = w.at(5);
  const fieldCount = w.at(dataHeader + 2);
  if (fieldCount < 0 || fieldCount > MAX_FIELDS) throw new UfRecordError(`implausible field count ${fieldCount}`);
  const fields: UfFieldHeader[] = [];
  for (let i = 0; i < fieldCount; i++) {
    const nameWord = dataHeader + 3 + 2 * i;
    fields.push(parseField(w, w.text(nameWord, 2), w.at(nameWord + 1)));
  }
  return {
    offset,
    sweepNumber: w.at(10),
    sweepMode: w.at(35),
    azimuth: w.at(33) / 64,
    elevation: w.at(34) / 64,
    fixedAngle: w.at(36) / 64,
    time: ufTime(w),
    missingValue: w.at(45),
    radarName: w.text(11, 8),
    siteName: w.text(15, 8),
    latitude: dms(w, 19),
    longitude: dms(w, 22),
    altitude: w.at(25),
    fields,
  };
}
