/**
 * Notices: short confirmations and errors shown in a corner (export written, history cleared, …).
 * Info notices expire; errors stay until dismissed.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

const INFO_LIFETIME_MS = 8000;

export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([]);
  let next = 1;

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id);
  }

  function push(kind: Notice['kind'], text: string): void {
    const id = next++;
    notices.value = [...notices.value, { id, kind, text }].slice(-5);
    if (kind === 'info') setTimeout(() => dismiss(id), INFO_LIFETIME_MS);
  }

  return { notices, push, dismiss };
});
