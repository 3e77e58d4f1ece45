/**
 * "Export corrected NetCDF": writes the volume of a run with its corrected velocity as CfRadial 1.4
 * (NetCDF4). The input file is reopened for the export, so the export does not depend on what the
 * workbench has open, and works for runs from earlier sessions too (their result is recomputed).
 */
import type { ExportOptions } from '../../common/api';
import type { RunRecord } from '../../common/dealias';
import { openVolume } from '../io/open-volume';
import { writeCfRadial, type CorrectedVelocityExport } from '../io/writers/cfradial-writer';
import type { DealiasService } from './dealias';

/** The `history` line: enough to reproduce the run. */
export function historyLine(record: RunRecord, appVersion: string): string {
  const params = Object.entries(record.params)
    .map(([k, value]) => `${k}=${JSON.stringify(value)}`)
    .join(' ');
  const filter = record.gateFilter ? ` gate_filter=${JSON.stringify(record.gateFilter)}` : '';
  return (
    `${new Date().toISOString()}: Unfold ${appVersion} (engine ${record.engineVersion}) dealiased ${record.velocityMoment} ` +
    `of ${record.file} with variant=${record.variant} sweeps=${record.sweeps.join(',')} ` +
    `nyquist_m_per_s=${record.nyquist.map((n) => n.toFixed(3)).join(',')} ${params}${filter}`
  );
}

export class ExportService {
  constructor(
    private readonly dealias: DealiasService,
    private readonly appVersion: string,
  ) {}

  async exportCorrected(
    runId: string,
    outPath: string,
    options: ExportOptions,
    onProgress?: (fraction: number, stage: string) => void,
  ): Promise<string> {
    const { record, sweeps } = await this.dealias.result(runId);
    const corrected: CorrectedVelocityExport = {
      sourceMoment: record.velocityMoment,
      sweeps: new Map([...sweeps].map(([sweep, o]) => [sweep, { corrected: o.corrected, folds: o.folds }])),
      nyquist: new Map(record.sweeps.map((sweep, i) => [sweep, record.nyquist[i]!])),
      setLimits: record.params.setLimits,
      includeFolds: options.includeFolds,
      historyLine: historyLine(record, this.appVersion),
    };
    const volume = await openVolume(record.file);
    try {
      return await writeCfRadial(volume, outPath, corrected, onProgress);
    } finally {
      volume.close();
    }
  }
}
