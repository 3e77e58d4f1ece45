/**
 * Files store: start-up (app info, recent files, initial file), opening with the reader's error, the
 * typed-path prompt where main has no dialog, the campaign folder and stepping through it, dropped files.
 */
import { fake, resetFake } from '../support/mock-api';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFilesStore } from '../../../renderer/src/stores/files';
import { useViewStore } from '../../../renderer/src/stores/view';
import { fail, ok, VOLUME_PATH } from '../support/fake-api';

beforeEach(() => {
  resetFake();
  setActivePinia(createPinia());
});

describe('files store', () => {
  it('opens the initial file at start and lists recent files', async () => {
    const files = useFilesStore();
    await files.init();
    expect(fake.api.openFile).toHaveBeenCalledWith(VOLUME_PATH);
    expect(files.volume?.name).toBe('KTST20200101_000000_V06');
    expect(files.recent).toEqual([VOLUME_PATH]);
    expect(files.appInfo?.mode).toBe('web');
  });

  it('shows the reader message naming the file, and keeps the open volume', async () => {
    const files = useFilesStore();
    await files.open('/data/good');
    fake.api.openFile.mockResolvedValueOnce(fail('reader', '/data/bad.nc: not a radar file (unknown magic bytes)'));
    expect(await files.open('/data/bad.nc')).toBe(false);
    expect(files.error).toBe('/data/bad.nc: not a radar file (unknown magic bytes)');
    expect(files.volume?.header.path).toBe('/data/good');
    expect(files.opening).toBeNull();
  });

  it('closes the previous volume once the next one is open and tells the view', async () => {
    const files = useFilesStore();
    const view = useViewStore();
    await files.open('/data/a');
    const first = files.volume!.id;
    view.setSweep(0);
    await files.open('/data/bb');
    expect(fake.api.closeVolume).toHaveBeenCalledWith(first);
    expect(view.sweep).toBe(1); // first sweep with velocity
    expect(view.moment).toBe('VRADH');
  });

  it("takes a loading volume's whole sweep list from 'volume-updated', keeping the view where it was", async () => {
    const files = useFilesStore();
    const view = useViewStore();
    await files.init();
    const whole = files.volume!;
    const partial = {
      ...whole,
      id: 'loading-volume',
      loading: true,
      header: { ...whole.header, sweeps: whole.header.sweeps.slice(0, 1) },
    };
    fake.api.openFile.mockResolvedValueOnce(ok(partial));
    await files.open('/data/loading');
    expect(files.volume?.loading).toBe(true);
    expect(view.sweeps).toHaveLength(1);
    view.setMoment('DBZH');
    fake.emit('volume-updated', { ...whole, id: 'some other volume' });
    expect(view.sweeps).toHaveLength(1);
    fake.emit('volume-updated', { ...whole, id: partial.id });
    expect(files.volume?.loading).toBe(false);
    expect(view.sweeps).toHaveLength(whole.header.sweeps.length);
    expect(view.moment).toBe('DBZH'); // not reset as on opening
    expect(fake.api.closeVolume).not.toHaveBeenCalledWith(partial.id);
  });

  it('falls back to a typed-path prompt where main has no file dialog', async () => {
    const files = useFilesStore();
    await files.chooseFile();
    expect(files.prompt).toBe('file');
    await files.chooseFolder();
    expect(files.prompt).toBe('folder');
  });

  it('opens the file a native dialog chose', async () => {
    const files = useFilesStore();
    fake.api.chooseFile.mockResolvedValueOnce(ok('/data/chosen'));
    await files.chooseFile();
    expect(fake.api.openFile).toHaveBeenCalledWith('/data/chosen');
    expect(files.prompt).toBeNull();
  });

  it('lists a campaign folder and steps through it by time', async () => {
    const files = useFilesStore();
    const entry = (name: string, time: number) => ({ path: `/c/${name}`, name, format: 'NEXRAD', time, sizeBytes: 1 });
    fake.api.listFolder.mockResolvedValueOnce(
      ok({ folder: '/c', entries: [entry('a', 1), entry('b', 2), entry('c', 3)] }),
    );
    expect(await files.openFolder('/c')).toBe(true);
    await files.step(1);
    expect(files.volume?.header.path).toBe('/c/a');
    await files.step(1);
    expect(files.volume?.header.path).toBe('/c/b');
    expect(files.folderIndex).toBe(1);
    await files.step(-1);
    expect(files.volume?.header.path).toBe('/c/a');
    await files.step(-1); // stays on the first file
    expect(files.volume?.header.path).toBe('/c/a');
  });

  it('reports a folder that cannot be listed', async () => {
    const files = useFilesStore();
    fake.api.listFolder.mockResolvedValueOnce(fail('not-found', '/nope: no such folder'));
    expect(await files.openFolder('/nope')).toBe(false);
    expect(files.folderError).toBe('/nope: no such folder');
  });

  it('opens a dropped file through its path (or uploaded copy)', async () => {
    const files = useFilesStore();
    await files.openDropped(new File([new Uint8Array(4)], 'KABC.nc'));
    expect(fake.api.openFile).toHaveBeenCalledWith('/uploads/abc/KABC.nc');
  });
});
