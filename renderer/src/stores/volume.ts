/**
 * The open volume: its header, the selected sweep and moment. One volume at a time in the main view.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { VolumeSummary } from '../../../common/api';
import { api, unwrap } from '../api';

export const useVolumeStore = defineStore('volume', () => {
  const volume = ref<VolumeSummary | null>(null);
  const sweep = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);

  const sweeps = computed(() => volume.value?.header.sweeps ?? []);

  async function open(path: string): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const opened = unwrap(await api.openFile(path));
      if (volume.value) void api.closeVolume(volume.value.id);
      volume.value = opened;
      sweep.value = opened.header.sweeps.findIndex((s) => s.moments.includes('VRADH'));
      if (sweep.value < 0) sweep.value = 0;
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      loading.value = false;
    }
  }

  return { volume, sweep, sweeps, loading, error, open };
});
