/**
 * Parsing of the CLI's shared dealias options (--variant, --nyquist, --param key=value, --gate-filter)
 * into the same validated request shapes the workbench sends, so both accept exactly the same things.
 */
import { gateFilterValidator, paramsValidator } from '../../common/api';
import { VARIANTS, type DealiasParams, type GateFilterSpec, type Variant } from '../../common/dealias';
import { ValidationError } from '../../common/validate';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Py-ART spells parameters in snake_case; accept both that and our camelCase. */
const camel = (key: string): string => key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

function parseValue(text: string): unknown {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null' || text === 'none' || text === 'None') return null;
  if (text.includes(',')) return text.split(',').map((x) => parseValue(x.trim()));
  const number = Number(text);
  return text.trim() !== '' && Number.isFinite(number) ? number : text;
}

export function parseParams(pairs: readonly string[]): Partial<DealiasParams> {
  const raw: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param expects key=value, got "${pair}"`);
    const key = camel(pair.slice(0, eq).trim());
    const value = parseValue(pair.slice(eq + 1).trim());
    // interval_limits is always a list, even with one comma-less value
    raw[key] = key === 'intervalLimits' && typeof value === 'number' ? [value] : value;
  }
  try {
    return paramsValidator(raw, 'param');
  } catch (err) {
    throw new UsageError(
      err instanceof ValidationError ? err.message.replace('invalid argument param.', 'invalid --param ') : String(err),
    );
  }
}

export function parseVariant(text: string | undefined, fallback: Variant = 'fused'): Variant {
  if (text === undefined) return fallback;
  if (!(VARIANTS as readonly string[]).includes(text))
    throw new UsageError(`--variant must be one of ${VARIANTS.join(', ')}, got "${text}"`);
  return text as Variant;
}

export function parseVariantList(text: string | undefined): Variant[] {
  if (!text) throw new UsageError('--variants is required, e.g. --variants sparse,heap,fused');
  return text.split(',').map((v) => parseVariant(v.trim()));
}

/** m/s: one value for every sweep, or a comma-separated value per dealiased sweep. */
export function parseNyquist(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const values = text.split(',').map((x) => Number(x.trim()));
  if (values.length === 0 || values.some((x) => !Number.isFinite(x) || x <= 0)) {
    throw new UsageError(`--nyquist expects positive numbers in m/s (one, or one per sweep), got "${text}"`);
  }
  return values;
}

export function parseSweeps(text: string | undefined): number[] {
  if (text === undefined) return [];
  const values = text.split(',').map((x) => Number(x.trim()));
  if (values.some((x) => !Number.isInteger(x) || x < 0))
    throw new UsageError(`--sweeps expects sweep indexes like 0,2,5, got "${text}"`);
  return values;
}

/** `--gate-filter NCP>0.3,DBZH>-10,DBZH<80,texture<4` */
export function parseGateFilter(text: string | undefined): GateFilterSpec | undefined {
  if (!text) return undefined;
  const thresholds = new Map<string, { moment: string; min?: number; max?: number }>();
  let maxVelocityTexture: number | undefined;
  for (const term of text.split(',')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*([<>])=?\s*(-?[0-9.]+(?:e-?\d+)?)\s*$/.exec(term);
    if (!match) throw new UsageError(`--gate-filter: cannot read "${term}" (expected e.g. NCP>0.3 or DBZH<80)`);
    const [, moment, op, valueText] = match;
    const value = Number(valueText);
    if (moment!.toLowerCase() === 'texture') {
      if (op !== '<') throw new UsageError('--gate-filter: texture takes an upper limit, e.g. texture<4');
      maxVelocityTexture = value;
      continue;
    }
    const entry = thresholds.get(moment!) ?? { moment: moment! };
    if (op === '>') entry.min = value;
    else entry.max = value;
    thresholds.set(moment!, entry);
  }
  const spec = {
    thresholds: [...thresholds.values()],
    ...(maxVelocityTexture !== undefined ? { maxVelocityTexture } : {}),
  };
  try {
    return gateFilterValidator(spec, 'gate-filter');
  } catch (err) {
    throw new UsageError(String(err instanceof Error ? err.message : err));
  }
}
