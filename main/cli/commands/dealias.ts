/**
 * `unfold dealias FILE …`: dealias a volume with one variant, print what each stage cost, and write the
 * corrected CfRadial when --out is given.
 */
import type { RunRecord } from '../../../common/dealias';
import { resolve } from 'node:path';
import type { Services } from '../../services';
import { runToEnd, withServices } from '../context';
import { bytes, ms, table } from '../format';
import type { DealiasCliOptions } from '../main';
import { ProgressLine } from '../progress';

export const DEALIAS_HELP = `usage: unfold dealias FILE [options]

Dealias the radial velocity of a radar volume with Unfold's region-based engine.
  --variant NAME        dense | sparse | heap | fused | parallel   (default fused)
  --sweeps I,J,…        sweep indexes (default: every sweep with velocity)
  --nyquist V[,V…]      Nyquist velocity override in m/s: one value, or one per sweep
  --param key=value     a parameter, Py-ART names accepted (repeatable), e.g. interval_splits=3,
                        skip_between_rays=100, centered=false, rays_wrap_around=false, keep_original=true,
                        include_upper_bound=true, fix_out_of_range_widening=true, unfold_excluded_gates=true
  --gate-filter SPEC    exclude gates, e.g. "NCP>0.3,DBZH>-10,texture<4"
  --moment NAME         velocity moment (default: the first velocity moment)
  --out OUT.nc          write the corrected volume as CfRadial 1.4 NetCDF4
  --folds               also write the fold-number field
  --json                print the run record as JSON`;

export function printRun(record: RunRecord): void {
  const rows = record.perSweep.map((s) => [
    s.sweep,
    s.nyquist.toFixed(2),
    s.validGates,
    s.regions,
    s.gatesChanged,
    ms(s.timings.readMs),
    ms(s.timings.marshalInMs),
    ms(s.timings.labelMs),
    ms(s.timings.edgesMs),
    ms(s.timings.mergeMs),
    ms(s.timings.unwrapMs),
    ms(s.timings.marshalOutMs),
    bytes(s.engineBytesPeak),
  ]);
  console.log(
    table(
      [
        'sweep',
        'Nyq m/s',
        'valid gates',
        'regions',
        'changed',
        'read ms',
        'in ms',
        'label ms',
        'edges ms',
        'merge ms',
        'unwrap ms',
        'out ms',
        'engine peak',
      ],
      rows,
    ),
  );
  const t = record.timings;
  console.log('');
  console.log(
    `variant ${record.variant}: ${ms(t.totalMs)} ms wall (read ${ms(t.readMs)}, label ${ms(t.labelMs)}, edges ${ms(t.edgesMs)}, merge ${ms(t.mergeMs)}, unwrap ${ms(t.unwrapMs)}, marshal in ${ms(t.marshalInMs)} / out ${ms(t.marshalOutMs)} ms)`,
  );
  console.log(`engine peak ${bytes(record.engineBytesPeak)}, process RSS peak ${bytes(record.processRssPeakBytes)}`);
  console.log(`${record.gatesChanged} of ${record.validGates} valid gates changed in ${record.regions} regions`);
  for (const w of record.warnings) console.log(`warning: ${w}`);
}

export async function dealiasFile(
  services: Services,
  file: string,
  options: DealiasCliOptions,
  progress?: ProgressLine,
): Promise<{ record: RunRecord; written: string | null }> {
  const summary = await services.volumes.openFile(file);
  try {
    const record = await runToEnd(
      services,
      {
        volumeId: summary.id,
        sweeps: options.sweeps,
        variant: options.variant,
        params: options.params,
        ...(options.nyquist ? { nyquist: options.nyquist } : {}),
        ...(options.gateFilter ? { gateFilter: options.gateFilter } : {}),
        ...(options.moment ? { moment: options.moment } : {}),
      },
      progress ? (done, total) => progress.update(done, total, summary.name) : undefined,
    );
    const written = options.out
      ? await services.exporter.exportCorrected(record.id, resolve(options.out), { includeFolds: options.folds })
      : null;
    return { record, written };
  } finally {
    services.volumes.close(summary.id);
  }
}

export async function dealiasCommand(file: string, options: DealiasCliOptions): Promise<void> {
  await withServices(options.dataDir, undefined, async (services) => {
    const progress = options.json ? undefined : new ProgressLine();
    const { record, written } = await dealiasFile(services, file, options, progress);
    progress?.clear();
    if (options.json) {
      console.log(JSON.stringify({ ...record, output: written }, null, 2));
      return;
    }
    printRun(record);
    if (written) console.log(`wrote ${written}`);
  });
}
