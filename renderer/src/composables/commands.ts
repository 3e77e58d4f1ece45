/**
 * The workbench's commands, run by keyboard shortcuts, menu commands from main ('menu-command') and
 * buttons alike. Overlay state (help, prompts) lives in the App shell and is passed in.
 */
import type { MenuCommand } from '../../../common/api';
import { useDealiasStore } from '../stores/dealias';
import { useExportsStore } from '../stores/exports';
import { useFilesStore } from '../stores/files';
import { PAN_FRACTION, useViewStore, ZOOM_STEP } from '../stores/view';
import type { ShortcutAction } from './shortcuts';

export interface ShellState {
  toggleHelp(): void;
  /** close the topmost overlay; false when none was open */
  closeOverlay(): boolean;
}

export function useCommands(shell: ShellState): (action: ShortcutAction | MenuCommand) => void {
  const files = useFilesStore();
  const view = useViewStore();
  const dealias = useDealiasStore();
  const exports = useExportsStore();

  const table: Record<ShortcutAction | MenuCommand, () => unknown> = {
    'open-file': () => files.chooseFile(),
    'open-folder': () => files.chooseFolder(),
    'next-file': () => files.step(1),
    'previous-file': () => files.step(-1),
    'next-sweep': () => view.stepSweep(1),
    'previous-sweep': () => view.stepSweep(-1),
    'next-field': () => view.cycleMoment(1),
    'previous-field': () => view.cycleMoment(-1),
    'zoom-in': () => view.zoomCentre(ZOOM_STEP),
    'zoom-out': () => view.zoomCentre(1 / ZOOM_STEP),
    'reset-view': () => view.resetView(),
    'pan-left': () => view.panFraction(-PAN_FRACTION, 0),
    'pan-right': () => view.panFraction(PAN_FRACTION, 0),
    'pan-up': () => view.panFraction(0, -PAN_FRACTION),
    'pan-down': () => view.panFraction(0, PAN_FRACTION),
    'run-dealias': () => dealias.start(),
    'cancel-dealias': () => dealias.cancel(),
    'toggle-compare': () => {
      if (view.runA || view.runB) view.setLayout(view.layout === 'compare' ? 'single' : 'compare');
    },
    export: () => {
      if (files.volume) exports.open();
    },
    'toggle-help': () => shell.toggleHelp(),
    close: () => shell.closeOverlay(),
  };

  return (action) => void table[action]();
}
