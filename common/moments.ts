/**
 * The one registry of radar moment names, units, CF standard names and display defaults.
 *
 * Unfold names moments the ODIM way (DBZH, VRADH, ...). Every reader maps its format's own field names
 * onto these through `FORMAT_ALIASES`; a field no alias covers keeps its file name and is still shown
 * (with a generic colour table). The exporter writes CfRadial names from `cfName`.
 */

/** A moment name: one of the registry keys, or a file's own name for fields the registry lacks. */
export type MomentName = string;

export type ColourTable =
  'velocity' | 'reflectivity' | 'zdr' | 'rhohv' | 'phidp' | 'width' | 'quality' | 'fold' | 'generic';

export interface MomentInfo {
  name: MomentName;
  /** CfRadial / Py-ART field name used when exporting */
  cfName: string;
  longName: string;
  /** CF standard name, where one exists */
  standardName?: string;
  /** units as written to files (UDUNITS spelling) */
  units: string;
  /** short units label for the UI */
  unitsLabel: string;
  colourTable: ColourTable;
  /** default display range [min, max] in `units`; velocity is scaled to ±Nyquist by the view instead */
  displayRange: [number, number];
  /** true for radial velocity moments the dealiaser can take */
  isVelocity?: boolean;
}

const M = (info: MomentInfo): [MomentName, MomentInfo] => [info.name, info];

/** Registry order is display order (field selector, `moments` lists). */
export const MOMENTS: ReadonlyMap<MomentName, MomentInfo> = new Map([
  M({
    name: 'DBZH',
    cfName: 'reflectivity',
    longName: 'Equivalent reflectivity factor, horizontal',
    standardName: 'equivalent_reflectivity_factor',
    units: 'dBZ',
    unitsLabel: 'dBZ',
    colourTable: 'reflectivity',
    displayRange: [-20, 75],
  }),
  M({
    name: 'DBZV',
    cfName: 'reflectivity_v',
    longName: 'Equivalent reflectivity factor, vertical',
    standardName: 'equivalent_reflectivity_factor',
    units: 'dBZ',
    unitsLabel: 'dBZ',
    colourTable: 'reflectivity',
    displayRange: [-20, 75],
  }),
  M({
    name: 'TH',
    cfName: 'total_power',
    longName: 'Total power reflectivity, horizontal (uncorrected)',
    standardName: 'equivalent_reflectivity_factor',
    units: 'dBZ',
    unitsLabel: 'dBZ',
    colourTable: 'reflectivity',
    displayRange: [-20, 75],
  }),
  M({
    name: 'VRADH',
    cfName: 'velocity',
    longName: 'Mean Doppler velocity',
    standardName: 'radial_velocity_of_scatterers_away_from_instrument',
    units: 'meters_per_second',
    unitsLabel: 'm/s',
    colourTable: 'velocity',
    displayRange: [-30, 30],
    isVelocity: true,
  }),
  M({
    name: 'VRADV',
    cfName: 'velocity_v',
    longName: 'Mean Doppler velocity, vertical channel',
    standardName: 'radial_velocity_of_scatterers_away_from_instrument',
    units: 'meters_per_second',
    unitsLabel: 'm/s',
    colourTable: 'velocity',
    displayRange: [-30, 30],
    isVelocity: true,
  }),
  M({
    name: 'VRADDH',
    cfName: 'dealiased_velocity',
    longName: 'Dealiased mean Doppler velocity (from the file)',
    standardName: 'corrected_radial_velocity_of_scatterers_away_from_instrument',
    units: 'meters_per_second',
    unitsLabel: 'm/s',
    colourTable: 'velocity',
    displayRange: [-60, 60],
  }),
  M({
    name: 'WRADH',
    cfName: 'spectrum_width',
    longName: 'Doppler spectrum width',
    standardName: 'doppler_spectrum_width',
    units: 'meters_per_second',
    unitsLabel: 'm/s',
    colourTable: 'width',
    displayRange: [0, 10],
  }),
  M({
    name: 'ZDR',
    cfName: 'differential_reflectivity',
    longName: 'Differential reflectivity',
    standardName: 'log_differential_reflectivity_hv',
    units: 'dB',
    unitsLabel: 'dB',
    colourTable: 'zdr',
    displayRange: [-2, 6],
  }),
  M({
    name: 'RHOHV',
    cfName: 'cross_correlation_ratio',
    longName: 'Co-polar correlation coefficient',
    standardName: 'cross_correlation_ratio_hv',
    units: '1',
    unitsLabel: '',
    colourTable: 'rhohv',
    displayRange: [0.5, 1.05],
  }),
  M({
    name: 'PHIDP',
    cfName: 'differential_phase',
    longName: 'Differential phase',
    standardName: 'differential_phase_hv',
    units: 'degrees',
    unitsLabel: '°',
    colourTable: 'phidp',
    displayRange: [0, 360],
  }),
  M({
    name: 'KDP',
    cfName: 'specific_differential_phase',
    longName: 'Specific differential phase',
    standardName: 'specific_differential_phase_hv',
    units: 'degrees/km',
    unitsLabel: '°/km',
    colourTable: 'phidp',
    displayRange: [-2, 8],
  }),
  M({
    name: 'SQIH',
    cfName: 'signal_quality_index',
    longName: 'Signal quality index',
    standardName: 'signal_quality_index',
    units: '1',
    unitsLabel: '',
    colourTable: 'quality',
    displayRange: [0, 1],
  }),
  M({
    name: 'NCP',
    cfName: 'normalized_coherent_power',
    longName: 'Normalized coherent power',
    standardName: 'normalized_coherent_power',
    units: '1',
    unitsLabel: '',
    colourTable: 'quality',
    displayRange: [0, 1],
  }),
  M({
    name: 'SNRH',
    cfName: 'signal_to_noise_ratio',
    longName: 'Signal to noise ratio, horizontal',
    standardName: 'signal_to_noise_ratio',
    units: 'dB',
    unitsLabel: 'dB',
    colourTable: 'quality',
    displayRange: [-10, 60],
  }),
  M({
    name: 'CCORH',
    cfName: 'clutter_correction',
    longName: 'Clutter correction, horizontal',
    units: 'dB',
    unitsLabel: 'dB',
    colourTable: 'generic',
    displayRange: [0, 60],
  }),
  M({
    name: 'HCLASS',
    cfName: 'radar_echo_classification',
    longName: 'Hydrometeor classification',
    units: '1',
    unitsLabel: '',
    colourTable: 'generic',
    displayRange: [0, 12],
  }),
  M({
    name: 'VRADH_CORR',
    cfName: 'corrected_velocity',
    longName: 'Corrected mean doppler velocity',
    standardName: 'corrected_radial_velocity_of_scatterers_away_from_instrument',
    units: 'meters_per_second',
    unitsLabel: 'm/s',
    colourTable: 'velocity',
    displayRange: [-60, 60],
  }),
  M({
    name: 'FOLD',
    cfName: 'velocity_fold_number',
    longName: 'Number of Nyquist intervals added by dealiasing',
    units: '1',
    unitsLabel: 'folds',
    colourTable: 'fold',
    displayRange: [-3, 3],
  }),
]);

/** Each format's own field names, mapped to registry names. Lookup is case-sensitive first, then case-insensitive. */
export const FORMAT_ALIASES: Readonly<Record<string, Readonly<Record<string, MomentName>>>> = {
  nexrad: { REF: 'DBZH', VEL: 'VRADH', SW: 'WRADH', ZDR: 'ZDR', RHO: 'RHOHV', PHI: 'PHIDP', CFP: 'CCORH' },
  cfradial: {
    reflectivity: 'DBZH',
    DBZ: 'DBZH',
    DBZH: 'DBZH',
    DBZHC: 'DBZH',
    reflectivity_horizontal: 'DBZH',
    reflectivity_at_cor: 'DBZH',
    DBZV: 'DBZV',
    total_power: 'TH',
    DBZ_TOTAL: 'TH',
    TH: 'TH',
    velocity: 'VRADH',
    VEL: 'VRADH',
    VR: 'VRADH',
    VRADH: 'VRADH',
    mean_doppler_velocity: 'VRADH',
    radial_velocity: 'VRADH',
    VEL_V: 'VRADV',
    corrected_velocity: 'VRADH_CORR',
    dealiased_velocity: 'VRADDH',
    spectrum_width: 'WRADH',
    WIDTH: 'WRADH',
    SW: 'WRADH',
    WRADH: 'WRADH',
    spectral_width: 'WRADH',
    differential_reflectivity: 'ZDR',
    ZDR: 'ZDR',
    cross_correlation_ratio: 'RHOHV',
    RHOHV: 'RHOHV',
    RHO: 'RHOHV',
    copol_correlation_coeff: 'RHOHV',
    differential_phase: 'PHIDP',
    PHIDP: 'PHIDP',
    PHI: 'PHIDP',
    specific_differential_phase: 'KDP',
    KDP: 'KDP',
    normalized_coherent_power: 'NCP',
    NCP: 'NCP',
    SQI: 'SQIH',
    SQIH: 'SQIH',
    signal_quality_index: 'SQIH',
    signal_to_noise_ratio: 'SNRH',
    SNR: 'SNRH',
    SNRHC: 'SNRH',
    SNRH: 'SNRH',
    velocity_fold_number: 'FOLD',
  },
  odim: {
    DBZH: 'DBZH',
    DBZV: 'DBZV',
    TH: 'TH',
    VRADH: 'VRADH',
    VRAD: 'VRADH',
    VRADV: 'VRADV',
    VRADDH: 'VRADDH',
    WRADH: 'WRADH',
    WRAD: 'WRADH',
    ZDR: 'ZDR',
    RHOHV: 'RHOHV',
    PHIDP: 'PHIDP',
    KDP: 'KDP',
    SQIH: 'SQIH',
    SQI: 'SQIH',
    SNRH: 'SNRH',
    SNR: 'SNRH',
    CCORH: 'CCORH',
    HCLASS: 'HCLASS',
  },
  gamic: {
    Z: 'DBZH',
    UH: 'TH',
    ZH: 'DBZH',
    ZV: 'DBZV',
    VH: 'VRADH',
    VV: 'VRADV',
    WH: 'WRADH',
    WV: 'WRADH',
    ZDR: 'ZDR',
    RHOHV: 'RHOHV',
    PHIDP: 'PHIDP',
    KDP: 'KDP',
    SQIH: 'SQIH',
    SNRH: 'SNRH',
  },
  iris: {
    DBZ: 'DBZH',
    DBZ2: 'DBZH',
    DBT: 'TH',
    DBT2: 'TH',
    VEL: 'VRADH',
    VEL2: 'VRADH',
    WIDTH: 'WRADH',
    WIDTH2: 'WRADH',
    ZDR: 'ZDR',
    ZDR2: 'ZDR',
    RHOHV: 'RHOHV',
    RHOHV2: 'RHOHV',
    PHIDP: 'PHIDP',
    PHIDP2: 'PHIDP',
    KDP: 'KDP',
    KDP2: 'KDP',
    SQI: 'SQIH',
    SQI2: 'SQIH',
    SNR: 'SNRH',
    SNR16: 'SNRH',
    HCLASS: 'HCLASS',
    HCLASS2: 'HCLASS',
  },
  uf: {
    DZ: 'DBZH',
    CZ: 'DBZH',
    ZT: 'TH',
    VR: 'VRADH',
    VE: 'VRADH',
    SW: 'WRADH',
    DR: 'ZDR',
    ZD: 'ZDR',
    RH: 'RHOHV',
    PH: 'PHIDP',
    KD: 'KDP',
    SQ: 'SQIH',
  },
};

/** Map a format's field name to the registry name, or keep the file's name when no alias exists. */
export function momentFromSourceName(format: keyof typeof FORMAT_ALIASES, sourceName: string): MomentName {
  const table = FORMAT_ALIASES[format];
  if (!table) return sourceName;
  const exact = table[sourceName];
  if (exact) return exact;
  const lower = sourceName.toLowerCase();
  for (const [alias, name] of Object.entries(table)) if (alias.toLowerCase() === lower) return name;
  return sourceName;
}

/** Registry entry for a moment; an unknown moment gets a generic entry named after itself. */
export function momentInfo(name: MomentName): MomentInfo {
  return (
    MOMENTS.get(name) ?? {
      name,
      cfName: name,
      longName: name,
      units: '',
      unitsLabel: '',
      colourTable: 'generic',
      displayRange: [0, 1],
    }
  );
}

/** Sort moment names in registry order, unknown names last (alphabetically). */
export function sortMoments(names: Iterable<MomentName>): MomentName[] {
  const order = [...MOMENTS.keys()];
  const rank = (n: MomentName): number => {
    const i = order.indexOf(n);
    return i < 0 ? order.length : i;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
