/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal (never in pipes or logs).
 */
export class ProgressLine {
  private readonly enabled = process.stderr.isTTY === true;
  private shown = false;

  update(done: number, total: number, label: string): void {
    if (!this.enabled || total <= 0) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    process.stderr.write(`\r${bar} ${done}/${total} ${label}`.slice(0, (process.stderr.columns ?? 100) - 1).padEnd(20));
    this.shown = true;
  }

  clear(): void {
    if (this.enabled && this.shown) process.stderr.write('\r\x1b[2K');
    this.shown = false;
  }
}
