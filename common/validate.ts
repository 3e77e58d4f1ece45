/**
 * Tiny runtime validators for values that cross a trust boundary (IPC arguments, HTTP bodies, CLI
 * options). Each validator returns the value typed, or throws a ValidationError whose message says
 * where and what: `invalid argument sweep: expected an integer >= 0, got -1`.
 */

export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

export type Validator<T> = (value: unknown, path: string) => T;

const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string')
    return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
};

const fail = (path: string, expected: string, value: unknown): never => {
  throw new ValidationError(`invalid argument ${path}: expected ${expected}, got ${describe(value)}`);
};

export const v = {
  string(opts: { maxLength?: number; minLength?: number; pattern?: RegExp } = {}): Validator<string> {
    const max = opts.maxLength ?? 4096;
    const min = opts.minLength ?? 0;
    return (value, path) => {
      if (typeof value !== 'string' || value.length > max || value.length < min) {
        return fail(path, `a string of ${min}..${max} characters`, value);
      }
      if (value.includes('\0')) return fail(path, 'a string without NUL characters', value);
      if (opts.pattern && !opts.pattern.test(value)) return fail(path, `a string matching ${opts.pattern}`, value);
      return value;
    };
  },

  number(opts: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean } = {}): Validator<number> {
    const { min = -Infinity, max = Infinity, integer = false, exclusiveMin = false } = opts;
    const what = `${integer ? 'an integer' : 'a finite number'}${Number.isFinite(min) ? (exclusiveMin ? ` > ${min}` : ` >= ${min}`) : ''}${Number.isFinite(max) ? ` <= ${max}` : ''}`;
    return (value, path) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail(path, what, value);
      if (integer && !Number.isInteger(value)) return fail(path, what, value);
      if (value < min || (exclusiveMin && value === min) || value > max) return fail(path, what, value);
      return value;
    };
  },

  boolean(): Validator<boolean> {
    return (value, path) => (typeof value === 'boolean' ? value : fail(path, 'true or false', value));
  },

  literal<const T extends readonly string[]>(choices: T): Validator<T[number]> {
    return (value, path) =>
      typeof value === 'string' && (choices as readonly string[]).includes(value)
        ? (value as T[number])
        : fail(path, `one of ${choices.join(', ')}`, value);
  },

  array<T>(item: Validator<T>, opts: { maxLength?: number; minLength?: number } = {}): Validator<T[]> {
    const max = opts.maxLength ?? 10_000;
    const min = opts.minLength ?? 0;
    return (value, path) => {
      if (!Array.isArray(value) || value.length > max || value.length < min) {
        return fail(path, `an array of ${min}..${max} items`, value);
      }
      return value.map((x, i) => item(x, `${path}[${i}]`));
    };
  },

  optional<T>(inner: Validator<T>): Validator<T | undefined> {
    return (value, path) => (value === undefined ? undefined : inner(value, path));
  },

  nullable<T>(inner: Validator<T>): Validator<T | null> {
    return (value, path) => (value === null ? null : inner(value, path));
  },

  /** An object with exactly these keys (unknown keys are rejected: they are a client bug or an attack). */
  object<S extends Record<string, Validator<unknown>>>(shape: S): Validator<{ [K in keyof S]: ReturnType<S[K]> }> {
    return (value, path) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(path, 'an object', value);
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (!(key in shape)) throw new ValidationError(`invalid argument ${path}: unexpected key "${key}"`);
      }
      const out: Record<string, unknown> = {};
      for (const [key, check] of Object.entries(shape)) {
        const checked = check(record[key], `${path}.${key}`);
        if (checked !== undefined) out[key] = checked;
      }
      return out as { [K in keyof S]: ReturnType<S[K]> };
    };
  },

  oneOf<A, B>(a: Validator<A>, b: Validator<B>, expected: string): Validator<A | B> {
    return (value, path) => {
      try {
        return a(value, path);
      } catch {
        try {
          return b(value, path);
        } catch {
          return fail(path, expected, value);
        }
      }
    };
  },
};

/** Validate a positional argument list against one validator per position (extra arguments are rejected). */
export function validateArgs<T extends unknown[]>(
  method: string,
  args: unknown,
  validators: { readonly [K in keyof T]: Validator<T[K]> },
): T {
  if (!Array.isArray(args)) throw new ValidationError(`${method}: arguments must be a list`);
  const list = validators as readonly Validator<unknown>[];
  if (args.length > list.length) {
    throw new ValidationError(`${method}: expected at most ${list.length} arguments, got ${args.length}`);
  }
  return list.map((check, i) => check(args[i], `${method}#${i}`)) as T;
}
