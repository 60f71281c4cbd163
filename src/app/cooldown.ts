/** Per-user cooldown between questions. */
export class Cooldown {
  private readonly last = new Map<string, { at: number; notified: boolean }>();

  constructor(
    readonly seconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * 0 when `userId` may ask now (their cooldown starts), else the seconds left. `notify` tells
   * whether this is the first refusal of the current window (to say "please wait" only once in chat).
   */
  take(userId: string): { wait: number; notify: boolean } {
    const ms = this.seconds * 1000;
    if (ms <= 0) return { wait: 0, notify: false };
    const now = this.now();
    const entry = this.last.get(userId);
    if (entry && now - entry.at < ms) {
      const notify = !entry.notified;
      entry.notified = true;
      return { wait: (ms - (now - entry.at)) / 1000, notify };
    }
    this.last.set(userId, { at: now, notified: false });
    if (this.last.size > 5000) this.prune(now);
    return { wait: 0, notify: false };
  }

  private prune(now: number): void {
    const ms = this.seconds * 1000;
    for (const [id, e] of this.last) if (now - e.at >= ms) this.last.delete(id);
  }
}
