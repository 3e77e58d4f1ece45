/**
 * Process resident-set high-water mark during a run (bytes). On Linux the kernel's own VmHWM is reset
 * at the start (writing 5 to /proc/self/clear_refs) and read at the end, which catches peaks between
 * samples; elsewhere, or if the reset is refused, the peak of frequent samples is used.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const SAMPLE_INTERVAL_MS = 2;

function resetKernelPeak(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function kernelPeakBytes(): number | null {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export interface RssPeakMeter {
  /** include a value observed elsewhere (e.g. a worker's reading right after an engine call) */
  observe(bytes: number): void;
  stop(): number;
}

export function startRssPeakMeter(): RssPeakMeter {
  const kernel = resetKernelPeak();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, SAMPLE_INTERVAL_MS);
  timer.unref();
  return {
    observe(bytes) {
      peak = Math.max(peak, bytes);
    },
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      const hwm = kernel ? kernelPeakBytes() : null;
      return hwm === null ? peak : Math.max(peak, hwm);
    },
  };
}
