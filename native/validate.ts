/**
 * Argument validation of the native facade, before anything crosses into C++ (which checks again,
 * defensively). Every failure is a DealiasError whose message reads
 * `invalid parameter <name>: expected <what>, got <value>`.
 */
import { DealiasError, type DealiasErrorCode, type DealiasParams, type SweepInput, type SweepOutput } from './types';

/** Short human description of a value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as { length: number }).length})`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

function fail(name: string, expected: string, got: unknown, code: DealiasErrorCode = 'invalid-input'): never {
  throw new DealiasError(code, `invalid parameter ${name}: expected ${expected}, got ${describeValue(got)}`);
}

function checkInteger(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(name, `an integer in [${min}, ${max}]`, value);
  }
}

function checkBoolean(name: string, value: unknown): void {
  if (typeof value !== 'boolean') fail(name, 'a boolean', value);
}

export function validateSweepInput(input: SweepInput): void {
  if (typeof input !== 'object' || input === null) fail('input', 'an object', input);
  checkInteger('rays', input.rays, 0, 2 ** 31 - 1);
  checkInteger('gates', input.gates, 0, 2 ** 31 - 1);
  if (input.rays * input.gates >= 2 ** 31) {
    fail('rays x gates', 'fewer than 2^31 gates', input.rays * input.gates, 'shape-mismatch');
  }
  if (typeof input.nyquist !== 'number' || !Number.isFinite(input.nyquist) || input.nyquist <= 0) {
    fail('nyquist', 'a finite velocity > 0 m/s', input.nyquist, 'invalid-nyquist');
  }
  if (!(input.velocity instanceof Float32Array)) fail('velocity', 'a Float32Array', input.velocity);
  const cells = input.rays * input.gates;
  if (input.velocity.length !== cells) {
    fail('velocity', `${cells} values (${input.rays} rays x ${input.gates} gates)`, input.velocity, 'shape-mismatch');
  }
  if (input.excluded !== undefined) {
    if (!(input.excluded instanceof Uint8Array)) fail('excluded', 'a Uint8Array or undefined', input.excluded);
    if (input.excluded.length !== cells) {
      fail('excluded', `${cells} values (${input.rays} rays x ${input.gates} gates)`, input.excluded, 'shape-mismatch');
    }
  }
}

export function validateParams(params: DealiasParams): void {
  if (typeof params !== 'object' || params === null) fail('params', 'an object', params);
  checkInteger('intervalSplits', params.intervalSplits, 1, 127);
  const limits = params.intervalLimits;
  if (limits !== null) {
    if (!Array.isArray(limits) || limits.length < 2 || limits.length > 128) {
      fail('intervalLimits', 'null or an array of 2 to 128 numbers (m/s)', limits);
    }
    limits.forEach((v, k) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) fail(`intervalLimits[${k}]`, 'a finite number (m/s)', v);
      if (k > 0 && v < limits[k - 1]!) fail(`intervalLimits[${k}]`, `a value >= ${limits[k - 1]} (non-decreasing)`, v);
    });
  }
  checkInteger('skipBetweenRays', params.skipBetweenRays, 0, 2 ** 30);
  checkInteger('skipAlongRay', params.skipAlongRay, 0, 2 ** 30);
  checkBoolean('centered', params.centered);
  checkBoolean('raysWrapAround', params.raysWrapAround);
  checkBoolean('keepOriginal', params.keepOriginal);
  checkBoolean('fixOutOfRangeWidening', params.fixOutOfRangeWidening);
  checkBoolean('includeUpperBound', params.includeUpperBound);
  checkBoolean('unfoldExcludedGates', params.unfoldExcludedGates);
  const budget = params.memoryBudgetBytes;
  if (typeof budget !== 'number' || !Number.isFinite(budget) || budget < 0) {
    fail('memoryBudgetBytes', 'a number of bytes >= 0', budget);
  }
}

export function validateVariant(variant: unknown, known: readonly string[]): void {
  if (typeof variant !== 'string' || !known.includes(variant)) {
    fail('variant', known.map((v) => `'${v}'`).join(' | '), variant);
  }
}

export function validateOutput(output: SweepOutput, cells: number): void {
  if (typeof output !== 'object' || output === null) fail('output', 'an object', output);
  const check = (name: string, value: unknown, kind: string, ok: boolean): void => {
    if (!ok) fail(`output.${name}`, `a ${kind} of ${cells} values`, value);
    if ((value as { length: number }).length !== cells) {
      fail(`output.${name}`, `a ${kind} of ${cells} values`, value, 'shape-mismatch');
    }
  };
  check('corrected', output.corrected, 'Float32Array', output.corrected instanceof Float32Array);
  check('folds', output.folds, 'Int8Array', output.folds instanceof Int8Array);
  check('regions', output.regions, 'Int32Array', output.regions instanceof Int32Array);
  if (output.zeroFilled !== undefined && typeof output.zeroFilled !== 'boolean') {
    fail('output.zeroFilled', 'a boolean', output.zeroFilled);
  }
}
