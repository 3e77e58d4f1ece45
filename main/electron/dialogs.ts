/**
 * Native open/save dialogs of the desktop app (browser mode has none: the renderer asks for a path).
 */
import { dialog, type BrowserWindow } from 'electron';
import type { Dialogs } from '../api/handlers';

const RADAR_FILTERS = [
  { name: 'Radar volumes', extensions: ['*'] },
  { name: 'NetCDF / HDF5', extensions: ['nc', 'h5', 'hdf5', 'hdf', 'mvol'] },
];

export function electronDialogs(getWindow: () => BrowserWindow | null): Dialogs {
  const parent = (): BrowserWindow | undefined => getWindow() ?? undefined;
  return {
    async chooseFile() {
      const options = { title: 'Open radar file', properties: ['openFile' as const], filters: RADAR_FILTERS };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseFolder() {
      const options = { title: 'Open campaign folder', properties: ['openDirectory' as const] };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSavePath(defaultName) {
      const options = {
        title: 'Export corrected NetCDF',
        defaultPath: defaultName,
        filters: [{ name: 'NetCDF', extensions: ['nc'] }],
      };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
  };
}
