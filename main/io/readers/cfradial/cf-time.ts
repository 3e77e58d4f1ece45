/**
 * CF time units ("seconds since 2021-09-22 15:00:06 0:00", "seconds since 2022-06-28T07:21:36Z", ...)
 * and ISO-like time strings (`time_coverage_start`), converted to seconds since 1970-01-01T00:00:00Z.
 * Used by the CfRadial reader for ray times; only the Gregorian calendar is supported (what radar
 * files use). Timezone suffixes: Z, UTC, GMT, and numeric offsets like "0:00", "+05:30", "-0600".
 */

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  second: 1,
  seconds: 1,
  sec: 1,
  secs: 1,
  s: 1,
  millisecond: 1e-3,
  milliseconds: 1e-3,
  ms: 1e-3,
  microsecond: 1e-6,
  microseconds: 1e-6,
  minute: 60,
  minutes: 60,
  min: 60,
  mins: 60,
  hour: 3600,
  hours: 3600,
  hr: 3600,
  h: 3600,
  day: 86400,
  days: 86400,
  d: 86400,
};

export interface CfTimeUnits {
  /** seconds per unit of the variable */
  scale: number;
  /** the reference instant, seconds since 1970-01-01T00:00:00Z */
  epoch: number;
}

const DATE_TIME =
  /^\s*(-?\d{1,4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}(?:\.\d*)?))?)?\s*(Z|UTC|GMT|[+-]?\d{1,2}(?::?\d{2})?)?\s*$/i;

/** Parse an ISO-like date-time (as CF and CfRadial write them); seconds since epoch, or null. */
export function parseCfDateTime(text: string): number | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', tz] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), 0);
  if (!Number.isFinite(ms)) return null;
  let seconds = ms / 1000 + Number(s);
  if (tz && !/^(Z|UTC|GMT)$/i.test(tz)) {
    const tzm = /^([+-]?)(\d{1,2}):?(\d{2})?$/.exec(tz);
    if (!tzm) return null;
    const sign = tzm[1] === '-' ? -1 : 1;
    // A local time ahead of UTC by the offset: subtract it to get UTC.
    seconds -= sign * (Number(tzm[2]) * 3600 + Number(tzm[3] ?? '0') * 60);
  }
  return seconds;
}

/** Parse "<unit> since <date-time>"; null when the units are not a time reference. */
export function parseCfTimeUnits(units: string): CfTimeUnits | null {
  const m = /^\s*([a-zA-Z]+)\s+since\s+(.+)$/.exec(units);
  if (!m) return null;
  const scale = UNIT_SECONDS[m[1]!.toLowerCase()];
  const epoch = parseCfDateTime(m[2]!);
  if (scale === undefined || epoch === null) return null;
  return { scale, epoch };
}
