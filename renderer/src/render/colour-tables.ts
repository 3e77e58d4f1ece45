/**
 * Colour tables of the sweep views and colour bars: one 256-entry RGBA lookup table per registry table id
 * (common/moments.ts `ColourTable`). Tables are defined by colour stops over the normalised position
 * t ∈ [0, 1] of the display range; two stops at the same t make a hard step (the NWS reflectivity bands).
 * The WebGL path uploads the table as a 256 × 1 texture; the canvas path indexes it directly.
 */
import type { ColourTable } from '../../../common/moments';

export const LUT_SIZE = 256;

/** [t, r, g, b], t in [0, 1], channels 0–255 */
export type ColourStop = readonly [number, number, number, number];

/** Reflectivity stops in dBZ over the registry's display range (−20 … 75 dBZ), NWS-like 5 dBZ bands. */
const DBZ_MIN = -20;
const DBZ_MAX = 75;
const dbz = (value: number): number => (value - DBZ_MIN) / (DBZ_MAX - DBZ_MIN);
const REFLECTIVITY_BANDS: readonly [number, number, number, number][] = [
  [5, 4, 233, 231],
  [10, 1, 159, 244],
  [15, 3, 0, 244],
  [20, 2, 253, 2],
  [25, 1, 197, 1],
  [30, 0, 142, 0],
  [35, 253, 248, 2],
  [40, 229, 188, 0],
  [45, 253, 149, 0],
  [50, 253, 0, 0],
  [55, 212, 0, 0],
  [60, 188, 0, 0],
  [65, 248, 0, 253],
  [70, 152, 84, 198],
];

function reflectivityStops(): ColourStop[] {
  const stops: ColourStop[] = [
    [0, 40, 44, 52],
    [dbz(5), 120, 128, 138],
  ];
  for (let i = 0; i < REFLECTIVITY_BANDS.length; i++) {
    const [from, r, g, b] = REFLECTIVITY_BANDS[i]!;
    const to = REFLECTIVITY_BANDS[i + 1]?.[0] ?? DBZ_MAX;
    stops.push([dbz(from), r, g, b], [dbz(to), r, g, b]);
  }
  stops.push([1, 253, 253, 253]);
  return stops;
}

/** Equal-width discrete classes, one colour each (fold numbers −3 … +3). */
function discreteStops(colours: readonly (readonly [number, number, number])[]): ColourStop[] {
  const n = colours.length;
  return colours.flatMap(([r, g, b], i) => [[i / n, r, g, b] as const, [(i + 1) / n, r, g, b] as const]);
}

export const COLOUR_STOPS: Readonly<Record<ColourTable, readonly ColourStop[]>> = {
  // Diverging: toward the radar (negative) greens, away (positive) reds, grey at zero (NWS convention).
  velocity: [
    [0, 200, 255, 200],
    [0.15, 0, 235, 0],
    [0.35, 0, 135, 45],
    [0.48, 55, 95, 70],
    [0.5, 125, 125, 125],
    [0.52, 105, 60, 60],
    [0.65, 155, 0, 0],
    [0.85, 255, 45, 45],
    [1, 255, 205, 205],
  ],
  reflectivity: reflectivityStops(),
  zdr: [
    [0, 30, 30, 140],
    [0.25, 235, 235, 235],
    [0.45, 250, 220, 40],
    [0.7, 240, 60, 20],
    [1, 200, 0, 200],
  ],
  rhohv: [
    [0, 20, 20, 120],
    [0.4, 0, 150, 220],
    [0.7, 40, 200, 60],
    [0.85, 250, 230, 40],
    [0.92, 240, 80, 20],
    [1, 180, 0, 160],
  ],
  phidp: [
    [0, 80, 0, 160],
    [0.2, 0, 90, 255],
    [0.4, 0, 210, 200],
    [0.6, 90, 220, 40],
    [0.8, 255, 180, 0],
    [1, 230, 30, 30],
  ],
  width: [
    [0, 25, 25, 35],
    [0.3, 90, 60, 140],
    [0.6, 220, 120, 40],
    [1, 255, 255, 170],
  ],
  quality: [
    [0, 68, 1, 84],
    [0.25, 59, 82, 139],
    [0.5, 33, 145, 140],
    [0.75, 94, 201, 98],
    [1, 253, 231, 37],
  ],
  // Seven classes for fold numbers −3 … +3 (see colour-scale.ts: the fold scale spans −3.5 … +3.5).
  fold: discreteStops([
    [40, 60, 200],
    [70, 130, 245],
    [150, 200, 255],
    [120, 120, 120],
    [255, 200, 120],
    [245, 120, 40],
    [200, 30, 30],
  ]),
  generic: [
    [0, 68, 1, 84],
    [0.25, 59, 82, 139],
    [0.5, 33, 145, 140],
    [0.75, 94, 201, 98],
    [1, 253, 231, 37],
  ],
};

/** Colour at t by linear interpolation between stops; stops must be sorted by t. */
export function colourAt(stops: readonly ColourStop[], t: number): [number, number, number] {
  const first = stops[0]!;
  const last = stops[stops.length - 1]!;
  if (!(t > first[0])) return [first[1], first[2], first[3]];
  if (t >= last[0]) return [last[1], last[2], last[3]];
  for (let i = 0; i < stops.length - 1; i++) {
    const a = stops[i]!;
    const b = stops[i + 1]!;
    if (t >= a[0] && t < b[0]) {
      const f = (t - a[0]) / (b[0] - a[0]);
      return [a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f, a[3] + (b[3] - a[3]) * f].map(Math.round) as [
        number,
        number,
        number,
      ];
    }
  }
  return [last[1], last[2], last[3]];
}

const cache = new Map<ColourTable, Uint8Array>();

/**
 * The 256 × RGBA lookup table of a colour table: entry i holds the colour at the centre of class i,
 * t = (i + 0.5) / 256. Tables are immutable and cached.
 */
export function colourLut(table: ColourTable): Uint8Array {
  const hit = cache.get(table);
  if (hit) return hit;
  const stops = COLOUR_STOPS[table];
  const lut = new Uint8Array(LUT_SIZE * 4);
  for (let i = 0; i < LUT_SIZE; i++) {
    const [r, g, b] = colourAt(stops, (i + 0.5) / LUT_SIZE);
    lut.set([r, g, b, 255], i * 4);
  }
  cache.set(table, lut);
  return lut;
}

/** CSS colour of a table at t, for colour bars and chart legends. */
export function cssColourAt(table: ColourTable, t: number): string {
  const [r, g, b] = colourAt(COLOUR_STOPS[table], t);
  return `rgb(${r}, ${g}, ${b})`;
}
