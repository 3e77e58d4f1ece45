/**
 * The `unfold` command line (bundled to out/main/cli.js; `bin/unfold.js` starts it). Built on the same
 * services as the workbench. Errors go to stderr with a non-zero exit code.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { DealiasParams, GateFilterSpec, Variant } from '../../common/dealias';
import { APP_VERSION } from '../version';
import { BATCH_HELP, batchCommand } from './commands/batch';
import { COMPARE_HELP, compareCommand } from './commands/compare';
import { DEALIAS_HELP, dealiasCommand } from './commands/dealias';
import { INFO_HELP, infoCommand } from './commands/info';
import {
  parseGateFilter,
  parseNyquist,
  parseParams,
  parseSweeps,
  parseVariant,
  parseVariantList,
  UsageError,
} from './options';

const HELP = `unfold ${APP_VERSION}: dealias Doppler radar velocity (region-based, Py-ART-exact by default)

usage: unfold <command> [options]

commands:
  info FILE                     formats, site, sweeps, Nyquist and moments of a radar file
  dealias FILE                  dealias a volume; --out writes corrected CfRadial NetCDF4
  compare FILE --variants a,b   variants side by side: runtime, memory, fold agreement
  batch DIR|GLOB --out DIR      dealias and export many files

'unfold <command> --help' describes a command's options.`;

export interface DealiasCliOptions {
  variant: Variant;
  sweeps: number[];
  nyquist: number[] | undefined;
  params: Partial<DealiasParams>;
  gateFilter: GateFilterSpec | undefined;
  moment: string | undefined;
  out: string | undefined;
  folds: boolean;
  json: boolean;
  dataDir: string | undefined;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
  json: { type: 'boolean', default: false },
  variant: { type: 'string' },
  variants: { type: 'string' },
  sweeps: { type: 'string' },
  nyquist: { type: 'string' },
  param: { type: 'string', multiple: true, default: [] as string[] },
  'gate-filter': { type: 'string' },
  moment: { type: 'string' },
  out: { type: 'string' },
  folds: { type: 'boolean', default: false },
  jobs: { type: 'string', default: '1' },
  'data-dir': { type: 'string' },
  version: { type: 'boolean', default: false },
} satisfies ParseArgsConfig['options'];

const COMMAND_HELP: Record<string, string> = {
  info: INFO_HELP,
  dealias: DEALIAS_HELP,
  compare: COMPARE_HELP,
  batch: BATCH_HELP,
};

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.version) {
    console.log(APP_VERSION);
    return 0;
  }
  if (!command) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const help = COMMAND_HELP[command];
  if (!help) throw new UsageError(`unknown command "${command}"\n\n${HELP}`);
  if (values.help) {
    console.log(help);
    return 0;
  }
  const file = rest[0];
  if (!file) throw new UsageError(`${command}: a FILE is required\n\n${help}`);
  if (rest.length > 1)
    throw new UsageError(`${command}: one FILE at a time (got ${rest.length}); use 'unfold batch' for many`);
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`--jobs expects a positive integer, got "${values.jobs}"`);
  const options: DealiasCliOptions = {
    variant: parseVariant(values.variant),
    sweeps: parseSweeps(values.sweeps),
    nyquist: parseNyquist(values.nyquist),
    params: parseParams(values.param),
    gateFilter: parseGateFilter(values['gate-filter']),
    moment: values.moment,
    out: values.out,
    folds: values.folds,
    json: values.json,
    dataDir: values['data-dir'],
  };
  switch (command) {
    case 'info':
      await infoCommand(file, values.json);
      return 0;
    case 'dealias':
      await dealiasCommand(file, options);
      return 0;
    case 'compare':
      await compareCommand(file, parseVariantList(values.variants), options);
      return 0;
    case 'batch':
      if (!values.out) throw new UsageError(`batch: --out DIR is required\n\n${BATCH_HELP}`);
      return batchCommand(file, values.out, jobs, options);
    default:
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`unfold: ${message}`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
