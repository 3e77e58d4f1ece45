/**
 * Synthetic velocity fields with a known truth, for scoring the dealias engine and its opt-in options
 * (tests and `npm run score:dealias`): a uniform wind, a Rankine vortex in a background wind, folding at
 * a chosen Nyquist, receiver-like quantisation, gate filters, sector scans, and the scoring itself
 * (% of gates whose fold equals the true fold). Deterministic: noise comes from a seeded generator.
 *
 * Geometry: ray i points at azimuth `azimuthStartDeg + i * azimuthStepDeg` (degrees clockwise from
 * north), gate j is centred at `firstGateM + j * gateSpacingM` metres; elevation is taken as 0.
 */

export interface SweepGeometryLite {
  rays: number;
  gates: number;
  azimuthStartDeg: number;
  azimuthStepDeg: number;
  firstGateM: number;
  gateSpacingM: number;
}

export interface TruthField extends SweepGeometryLite {
  /** m/s, the true radial velocity, row-major [ray][gate] */
  truth: Float32Array;
  /** degrees, one per ray */
  azimuthDeg: Float32Array;
}

export interface FoldedField extends TruthField {
  /** m/s */
  nyquist: number;
  /** m/s, what the radar reports: the truth folded into [-Vn, Vn], then quantised/perturbed */
  observed: Float32Array;
  /** Nyquist intervals to add to `observed` to get the truth (round((truth - observed) / 2Vn)) */
  trueFolds: Int8Array;
  /** 1 = excluded by the (simulated) gate filter; the gate still holds a finite observed value */
  excluded?: Uint8Array;
}

/** Small seeded PRNG (mulberry32), uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PPI_360: Readonly<SweepGeometryLite> = Object.freeze({
  rays: 360,
  gates: 400,
  azimuthStartDeg: 0.5,
  azimuthStepDeg: 1,
  firstGateM: 2000,
  gateSpacingM: 250,
});

function emptyTruth(g: SweepGeometryLite): TruthField {
  const azimuthDeg = new Float32Array(g.rays);
  for (let i = 0; i < g.rays; i++) azimuthDeg[i] = (g.azimuthStartDeg + i * g.azimuthStepDeg + 360) % 360;
  return { ...g, truth: new Float32Array(g.rays * g.gates), azimuthDeg };
}

/** Radial component (m/s, positive away from the radar) of a wind (u east, v north, m/s) at an azimuth. */
function radial(u: number, v: number, azimuthDeg: number): number {
  const a = (azimuthDeg * Math.PI) / 180;
  return u * Math.sin(a) + v * Math.cos(a);
}

/** Horizontal wind (u, v) in m/s blowing *towards* `towardsDeg` at `speed` m/s. */
function windVector(speed: number, towardsDeg: number): [number, number] {
  const a = (towardsDeg * Math.PI) / 180;
  return [speed * Math.sin(a), speed * Math.cos(a)];
}

/** A uniform wind of `speed` m/s blowing towards `towardsDeg`. */
export function uniformWind(g: SweepGeometryLite, speed: number, towardsDeg: number): TruthField {
  const f = emptyTruth(g);
  const [u, v] = windVector(speed, towardsDeg);
  for (let r = 0; r < g.rays; r++) f.truth.fill(radial(u, v, f.azimuthDeg[r]!), r * g.gates, (r + 1) * g.gates);
  return f;
}

export interface VortexSpec {
  /** metres from the radar and azimuth (degrees) of the vortex centre */
  centreRangeM: number;
  centreAzimuthDeg: number;
  /** metres: radius of maximum wind */
  radiusM: number;
  /** m/s, maximum tangential wind (positive = cyclonic, counter-clockwise) */
  vmax: number;
  /** background wind: speed m/s and direction it blows towards, degrees */
  backgroundSpeed: number;
  backgroundTowardsDeg: number;
}

/** A Rankine vortex (solid-body core, 1/r outside) embedded in a uniform background wind. */
export function rankineVortex(g: SweepGeometryLite, spec: VortexSpec): TruthField {
  const f = emptyTruth(g);
  const [bu, bv] = windVector(spec.backgroundSpeed, spec.backgroundTowardsDeg);
  const ca = (spec.centreAzimuthDeg * Math.PI) / 180;
  const cx = spec.centreRangeM * Math.sin(ca);
  const cy = spec.centreRangeM * Math.cos(ca);
  for (let r = 0; r < g.rays; r++) {
    const az = f.azimuthDeg[r]!;
    const a = (az * Math.PI) / 180;
    for (let k = 0; k < g.gates; k++) {
      const range = g.firstGateM + k * g.gateSpacingM;
      const dx = range * Math.sin(a) - cx;
      const dy = range * Math.cos(a) - cy;
      const d = Math.hypot(dx, dy);
      const vt = d <= spec.radiusM ? (spec.vmax * d) / spec.radiusM : (spec.vmax * spec.radiusM) / Math.max(d, 1);
      // counter-clockwise tangential direction: (-dy, dx) / d
      const tu = d > 0 ? (-dy / d) * vt : 0;
      const tv = d > 0 ? (dx / d) * vt : 0;
      f.truth[r * g.gates + k] = radial(bu + tu, bv + tv, az);
    }
  }
  return f;
}

/** Folds a velocity into [-Vn, Vn) (m/s). */
export function foldVelocity(v: number, nyquist: number): number {
  const interval = 2 * nyquist;
  return v - interval * Math.floor((v + nyquist) / interval);
}

export interface FoldOptions {
  /** m/s standard-deviation-like amplitude of uniform noise added after folding (not re-folded) */
  noise?: number;
  /** only positive noise (overshoots above the folded value, like a biased estimator), default false */
  positiveNoiseOnly?: boolean;
  /** quantise to 8-bit levels spanning [-Vn, +Vn] inclusive, as SIGMET/IRIS velocity does */
  quantise8bit?: boolean;
  seed?: number;
}

/** The radar's view of a truth field at Nyquist `nyquist` (m/s), with its true folds. */
export function foldField(f: TruthField, nyquist: number, options: FoldOptions = {}): FoldedField {
  const rnd = seededRandom(options.seed ?? 1);
  const observed = new Float32Array(f.truth.length);
  const trueFolds = new Int8Array(f.truth.length);
  for (let i = 0; i < f.truth.length; i++) {
    let v = foldVelocity(f.truth[i]!, nyquist);
    if (options.noise) v += options.positiveNoiseOnly ? rnd() * options.noise : (rnd() * 2 - 1) * options.noise;
    if (options.quantise8bit) v = (nyquist * Math.round((v / nyquist) * 127)) / 127;
    observed[i] = v;
    trueFolds[i] = Math.round((f.truth[i]! - observed[i]!) / (2 * nyquist));
  }
  return { ...f, nyquist, observed, trueFolds };
}

/** Marks `fraction` of the gates excluded at random, plus a block of rays/gates (a filtered clutter patch). */
export function withGateFilter(f: FoldedField, fraction: number, seed = 7): FoldedField {
  const rnd = seededRandom(seed);
  const excluded = new Uint8Array(f.observed.length);
  for (let i = 0; i < excluded.length; i++) excluded[i] = rnd() < fraction ? 1 : 0;
  const r0 = Math.floor(f.rays * 0.3);
  const g0 = Math.floor(f.gates * 0.4);
  for (let r = r0; r < Math.min(f.rays, r0 + 6); r++) excluded.fill(1, r * f.gates + g0, r * f.gates + g0 + 12);
  return { ...f, excluded };
}

export interface FoldScore {
  /** gates with a finite truth and observation */
  scored: number;
  /** of those, gates whose corrected value carries the true fold */
  correct: number;
  percent: number;
}

/**
 * % of gates (finite observation) whose output has the true fold. A gate the engine returns without a
 * value (NaN: excluded and not unfolded) counts as not correct: the user gets no velocity there.
 */
export function scoreFolds(f: FoldedField, corrected: Float32Array, folds: Int8Array): FoldScore {
  let scored = 0;
  let correct = 0;
  for (let i = 0; i < f.observed.length; i++) {
    if (!Number.isFinite(f.observed[i]!) || !Number.isFinite(f.truth[i]!)) continue;
    scored++;
    if (Number.isFinite(corrected[i]!) && folds[i] === f.trueFolds[i]) correct++;
  }
  return { scored, correct, percent: scored === 0 ? 100 : (100 * correct) / scored };
}
