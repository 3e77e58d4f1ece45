/**
 * The application menu. Commands that act on the workbench are sent to the renderer as 'menu-command'
 * events; the renderer owns the UI state and carries them out.
 */
import { Menu, app, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../common/api';

export function buildMenu(send: (command: MenuCommand) => void): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Radar File…', accelerator: 'CmdOrCtrl+O', click: () => send('open-file') },
        { label: 'Open Campaign Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => send('open-folder') },
        { type: 'separator' },
        { label: 'Export Corrected NetCDF…', accelerator: 'CmdOrCtrl+E', click: () => send('export') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Dealias',
      submenu: [{ label: 'Run', accelerator: 'CmdOrCtrl+R', click: () => send('run-dealias') }],
    },
    {
      label: 'View',
      submenu: [
        { label: 'Reset Zoom', accelerator: 'CmdOrCtrl+0', click: () => send('reset-view') },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    {
      label: 'Help',
      submenu: [{ label: 'Keyboard Shortcuts', accelerator: 'F1', click: () => send('toggle-help') }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
