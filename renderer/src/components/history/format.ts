/**
 * Formatting of run-history values for tables and titles (units in every label).
 */
import type { RunRecord } from '../../../../common/dealias';

export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
export const ms = (value: number): string => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;

/** "2026-11-22 01:02:03" in local time */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Stage times as one line, for a row's details. */
export function stageLine(r: RunRecord): string {
  const t = r.timings;
  return [
    `read ${ms(t.readMs ?? 0)}`,
    `in ${ms(t.marshalInMs)}`,
    `label ${ms(t.labelMs)}`,
    `edges ${ms(t.edgesMs)}`,
    `merge ${ms(t.mergeMs)}`,
    `unwrap ${ms(t.unwrapMs)}`,
    `out ${ms(t.marshalOutMs)}`,
  ].join(' · ');
}

/** Parameters that differ from the defaults, or "defaults". */
export function paramsLine(r: RunRecord, defaults: Record<string, unknown>): string {
  const changed = Object.entries(r.params).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(defaults[k]));
  return changed.length ? changed.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ') : 'Py-ART defaults';
}
