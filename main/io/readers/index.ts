/**
 * Every format reader, in sniffing order. Each reader module adds itself here (one line each).
 */
import type { RadarReader } from '../reader';
import { irisReader } from './iris/iris-reader';
import { ufReader } from './uf/uf-reader';

export const READERS: readonly RadarReader[] = [irisReader, ufReader];
