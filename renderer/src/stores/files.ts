/**
 * Files: the open volume, opening (with elapsed time for large files and the reader's message on
 * failure), recent files, the campaign folder listed by time (and stepping through it), the file dialog or
 * — in browser mode, where main has no dialogs — a typed-path prompt, and dropped files.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AppInfo, FolderListing, VolumeSummary } from '../../../common/api';
import { api, ApiCallError, errorMessage, pathOfDroppedFile, unwrap } from '../api';

export type PromptKind = 'file' | 'folder' | 'export';

export interface Opening {
  path: string;
  /** performance.now() when opening started */
  startedAt: number;
}

export const useFilesStore = defineStore('files', () => {
  const appInfo = shallowRef<AppInfo | null>(null);
  const volume = shallowRef<VolumeSummary | null>(null);
  const opening = ref<Opening | null>(null);
  const error = ref<string | null>(null);
  const recent = ref<string[]>([]);
  const folder = shallowRef<FolderListing | null>(null);
  const folderError = ref<string | null>(null);
  const folderLoading = ref(false);
  /** a typed-path prompt is open (browser mode, or when the dialog is unavailable) */
  const prompt = ref<PromptKind | null>(null);
  /** listeners told when a volume opens (the view store resets sweep and moment) */
  const openedListeners: ((summary: VolumeSummary) => void)[] = [];

  const folderIndex = computed(() => {
    const path = volume.value?.header.path;
    return path && folder.value ? folder.value.entries.findIndex((e) => e.path === path) : -1;
  });

  async function refreshRecent(): Promise<void> {
    const result = await api.recentFiles();
    if (result.ok) recent.value = result.value;
  }

  /** Open a file; the previous volume is closed once the new one is open. Resolves true on success. */
  async function open(path: string): Promise<boolean> {
    const trimmed = path.trim();
    if (!trimmed) return false;
    opening.value = { path: trimmed, startedAt: performance.now() };
    error.value = null;
    try {
      const summary = unwrap(await api.openFile(trimmed));
      const previous = volume.value;
      volume.value = summary;
      for (const listener of openedListeners) listener(summary);
      if (previous) void api.closeVolume(previous.id);
      void refreshRecent();
      return true;
    } catch (err) {
      error.value = errorMessage(err);
      return false;
    } finally {
      opening.value = null;
    }
  }

  function onOpened(listener: (summary: VolumeSummary) => void): void {
    openedListeners.push(listener);
  }

  async function openFolder(path: string): Promise<boolean> {
    folderLoading.value = true;
    folderError.value = null;
    try {
      folder.value = unwrap(await api.listFolder(path.trim()));
      return true;
    } catch (err) {
      folderError.value = errorMessage(err);
      return false;
    } finally {
      folderLoading.value = false;
    }
  }

  /** Open the next (+1) or previous (−1) file of the folder, by time. */
  async function step(delta: number): Promise<void> {
    const entries = folder.value?.entries ?? [];
    if (entries.length === 0 || opening.value) return;
    const at = folderIndex.value;
    const next = at < 0 ? (delta > 0 ? 0 : entries.length - 1) : at + delta;
    const entry = entries[next];
    if (entry) await open(entry.path);
  }

  /** The native dialog where there is one; otherwise the typed-path prompt. */
  async function chooseFile(): Promise<void> {
    const result = await api.chooseFile();
    if (!result.ok) {
      if (result.error.code === 'unsupported') prompt.value = 'file';
      else error.value = result.error.message;
      return;
    }
    if (result.value) await open(result.value);
  }

  async function chooseFolder(): Promise<void> {
    const result = await api.chooseFolder();
    if (!result.ok) {
      if (result.error.code === 'unsupported') prompt.value = 'folder';
      else folderError.value = result.error.message;
      return;
    }
    if (result.value) await openFolder(result.value);
  }

  async function openDropped(file: File): Promise<void> {
    opening.value = { path: file.name, startedAt: performance.now() };
    error.value = null;
    let path: string;
    try {
      path = await pathOfDroppedFile(file);
    } catch (err) {
      opening.value = null;
      error.value = errorMessage(err);
      return;
    }
    await open(path);
  }

  /** App info, recent files, and the file to open at start (command line, or the sample on first launch). */
  async function init(): Promise<void> {
    // a volume that opened while still loading has been read to its end: same id, the whole sweep list
    api.on('volume-updated', (summary) => {
      if (volume.value?.id === summary.id) volume.value = summary;
    });
    try {
      appInfo.value = unwrap(await api.appInfo());
    } catch (err) {
      error.value = err instanceof ApiCallError ? err.message : errorMessage(err);
      return;
    }
    await refreshRecent();
    if (appInfo.value.initialFile) await open(appInfo.value.initialFile);
  }

  return {
    appInfo,
    volume,
    opening,
    error,
    recent,
    folder,
    folderError,
    folderLoading,
    folderIndex,
    prompt,
    init,
    open,
    onOpened,
    openFolder,
    step,
    chooseFile,
    chooseFolder,
    openDropped,
    refreshRecent,
  };
});
