/**
 * Turns a dealias request into a checked plan: which velocity moment, which sweeps, the Nyquist of each
 * sweep (from the file or the user's override) and the ray wrap-around of each sweep. Everything a
 * run needs is decided here, before any worker is busy, so bad requests fail fast with a clear message.
 */
import type { DealiasRequest } from '../../common/api';
import { withDefaults } from '../../common/api';
import type { DealiasParams } from '../../common/dealias';
import { momentInfo, type MomentName } from '../../common/moments';
import type { VolumeHeader } from '../../common/volume';

export class DealiasInputError extends Error {
  readonly code = 'invalid-input';
  constructor(message: string) {
    super(message);
    this.name = 'DealiasInputError';
  }
}

export interface SweepPlan {
  sweep: number;
  /** m/s */
  nyquist: number;
  /** null: decide from the sweep's azimuths (wrapFromGeometry) once they are read */
  raysWrapAround: boolean | null;
}

export interface DealiasPlan {
  moment: MomentName;
  params: DealiasParams;
  sweeps: SweepPlan[];
}

/** The velocity moment to dealias: the requested one, else the first velocity moment in registry order. */
export function chooseVelocityMoment(header: VolumeHeader, requested?: MomentName): MomentName {
  const name = header.path.split('/').pop();
  if (requested !== undefined) {
    if (!header.moments.includes(requested)) {
      throw new DealiasInputError(
        `${name}: the volume has no moment ${requested} (it has ${header.moments.join(', ')})`,
      );
    }
    return requested;
  }
  const velocity = header.moments.find((m) => momentInfo(m).isVelocity);
  if (!velocity) throw new DealiasInputError(`${name}: the volume has no radial velocity moment to dealias`);
  return velocity;
}

/** Py-ART's default: rays wrap around when the radar's scan type is 'ppi'. */
function pyartWrapDefault(header: VolumeHeader): boolean {
  const declared = header.attributes['scan_type'];
  const scanType = typeof declared === 'string' ? declared.toLowerCase() : header.scanType;
  // Py-ART's readers call sector PPIs 'ppi' unless the file says otherwise.
  return scanType === 'ppi' || scanType === 'sector';
}

export function planDealias(header: VolumeHeader, request: Omit<DealiasRequest, 'volumeId'>): DealiasPlan {
  const name = header.path.split('/').pop();
  const moment = chooseVelocityMoment(header, request.moment);
  const params = withDefaults(request.params);
  const available = header.sweeps.filter((s) => s.moments.includes(moment)).map((s) => s.index);
  const sweeps = request.sweeps.length > 0 ? request.sweeps : available;
  if (sweeps.length === 0) throw new DealiasInputError(`${name}: no sweep has ${moment}`);
  for (const sweep of sweeps) {
    if (!header.sweeps[sweep]) throw new DealiasInputError(`${name}: there is no sweep ${sweep}`);
    if (!available.includes(sweep)) throw new DealiasInputError(`${name}: sweep ${sweep} has no ${moment}`);
  }
  const override = request.nyquist;
  if (override && override.length !== 1 && override.length !== sweeps.length) {
    throw new DealiasInputError(
      `the Nyquist override must be one value or one per sweep (${sweeps.length}), got ${override.length}`,
    );
  }
  if (params.intervalLimits && params.intervalLimits.some((x, i, a) => i > 0 && x <= a[i - 1]!)) {
    throw new DealiasInputError('interval limits must increase strictly');
  }
  const wrap = params.raysWrapAround ?? (params.wrapFromGeometry ? null : pyartWrapDefault(header));
  return {
    moment,
    params,
    sweeps: sweeps.map((sweep, i) => {
      const nyquist = override ? (override.length === 1 ? override[0]! : override[i]!) : header.sweeps[sweep]!.nyquist;
      if (nyquist === null || !Number.isFinite(nyquist) || nyquist <= 0) {
        throw new DealiasInputError(
          `${name}: sweep ${sweep} has no usable Nyquist velocity (${nyquist ?? 'none in the file'}); give one (m/s)`,
        );
      }
      return { sweep, nyquist, raysWrapAround: wrap };
    }),
  };
}
