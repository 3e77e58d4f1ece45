/**
 * `unfold compare FILE --variants a,b,c`: run several variants on the same volume and put their cost and
 * their agreement side by side. Agreement is measured on fold numbers, gate by gate, against the first
 * variant that succeeded.
 */
import type { Variant } from '../../../common/dealias';
import type { RunResult } from '../../services/dealias';
import { runToEnd, withServices } from '../context';
import { bytes, ms, table } from '../format';
import type { DealiasCliOptions } from '../main';

export const COMPARE_HELP = `usage: unfold compare FILE --variants a,b,c [options]

Run each variant on the volume; print runtime, engine and process peak memory, gates changed and the
fold agreement with the first variant. Takes the same --sweeps/--nyquist/--param/--gate-filter options as
'unfold dealias'.
  --json    machine-readable output`;

export interface VariantOutcome {
  variant: Variant;
  ok: boolean;
  error?: string;
  totalMs?: number;
  engineBytesPeak?: number;
  processRssPeakBytes?: number;
  gatesChanged?: number;
  regions?: number;
  /** gates whose fold differs from the reference variant's */
  differingGates?: number;
  comparedGates?: number;
}

/** Count gates whose folds differ between two runs of the same sweeps. */
export function foldDifferences(a: RunResult, b: RunResult): { differing: number; compared: number } {
  let differing = 0;
  let compared = 0;
  for (const [sweep, outcomeA] of a.sweeps) {
    const outcomeB = b.sweeps.get(sweep);
    if (!outcomeB) continue;
    const fa = outcomeA.folds;
    const fb = outcomeB.folds;
    compared += fa.length;
    for (let i = 0; i < fa.length; i++) if (fa[i] !== fb[i]) differing++;
  }
  return { differing, compared };
}

export async function compareCommand(file: string, variants: Variant[], options: DealiasCliOptions): Promise<void> {
  await withServices(options.dataDir, undefined, async (services) => {
    const summary = await services.volumes.openFile(file);
    const outcomes: VariantOutcome[] = [];
    let reference: RunResult | null = null;
    for (const variant of variants) {
      try {
        const record = await runToEnd(services, {
          volumeId: summary.id,
          sweeps: options.sweeps,
          variant,
          params: options.params,
          ...(options.nyquist ? { nyquist: options.nyquist } : {}),
          ...(options.gateFilter ? { gateFilter: options.gateFilter } : {}),
          ...(options.moment ? { moment: options.moment } : {}),
        });
        const result = await services.dealias.result(record.id);
        reference ??= result;
        const { differing, compared } = foldDifferences(reference, result);
        outcomes.push({
          variant,
          ok: true,
          totalMs: record.timings.totalMs,
          engineBytesPeak: record.engineBytesPeak,
          processRssPeakBytes: record.processRssPeakBytes,
          gatesChanged: record.gatesChanged,
          regions: record.regions,
          differingGates: differing,
          comparedGates: compared,
        });
      } catch (err) {
        outcomes.push({ variant, ok: false, error: err instanceof Error ? err.message : String(err) });
      }
    }
    services.volumes.close(summary.id);
    if (options.json) {
      console.log(JSON.stringify({ file: summary.header.path, variants: outcomes }, null, 2));
      return;
    }
    const base = outcomes.find((o) => o.ok)?.totalMs;
    const rows = outcomes.map((o) =>
      o.ok
        ? [
            o.variant,
            ms(o.totalMs!),
            base ? `${(base / o.totalMs!).toFixed(2)}×` : '',
            bytes(o.engineBytesPeak!),
            bytes(o.processRssPeakBytes!),
            o.regions!,
            o.gatesChanged!,
            o.differingGates!,
            `${(100 * (1 - o.differingGates! / Math.max(1, o.comparedGates!))).toFixed(3)} %`,
          ]
        : [o.variant, 'failed', '', '', '', '', '', '', o.error!.slice(0, 80)],
    );
    console.log(`${summary.name}: fold agreement is against ${outcomes.find((o) => o.ok)?.variant ?? '—'}`);
    console.log(
      table(
        [
          'variant',
          'total ms',
          'speed vs first',
          'engine peak',
          'process RSS peak',
          'regions',
          'gates changed',
          'folds differ',
          'agreement',
        ],
        rows,
      ),
    );
  });
}
