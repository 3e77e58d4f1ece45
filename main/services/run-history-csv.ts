/**
 * CSV rendering of the run history: one row per run, the figures a scientist puts in a spreadsheet.
 */
import type { RunRecord } from '../../common/dealias';

const COLUMNS: Array<[string, (r: RunRecord) => string | number]> = [
  ['id', (r) => r.id],
  ['started_at_utc', (r) => r.startedAt],
  ['status', (r) => r.status],
  ['file', (r) => r.file],
  ['variant', (r) => r.variant],
  ['sweeps', (r) => r.sweeps.join(' ')],
  ['nyquist_m_per_s', (r) => r.nyquist.map((n) => n.toFixed(2)).join(' ')],
  ['total_ms', (r) => r.timings.totalMs.toFixed(3)],
  ['read_ms', (r) => r.timings.readMs.toFixed(3)],
  ['marshal_in_ms', (r) => r.timings.marshalInMs.toFixed(3)],
  ['label_ms', (r) => r.timings.labelMs.toFixed(3)],
  ['edges_ms', (r) => r.timings.edgesMs.toFixed(3)],
  ['merge_ms', (r) => r.timings.mergeMs.toFixed(3)],
  ['unwrap_ms', (r) => r.timings.unwrapMs.toFixed(3)],
  ['marshal_out_ms', (r) => r.timings.marshalOutMs.toFixed(3)],
  ['engine_peak_bytes', (r) => r.engineBytesPeak],
  ['process_rss_peak_bytes', (r) => r.processRssPeakBytes],
  ['regions', (r) => r.regions],
  ['valid_gates', (r) => r.validGates],
  ['gates_changed', (r) => r.gatesChanged],
  ['params_json', (r) => JSON.stringify(r.params)],
  ['warnings', (r) => r.warnings.join(' | ')],
  ['error', (r) => r.error ?? ''],
];

/** RFC 4180 quoting: wrap in quotes when the field has a comma, quote or line break; double the quotes. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function runsToCsv(runs: readonly RunRecord[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const run of runs) lines.push(COLUMNS.map(([, get]) => csvField(get(run))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
