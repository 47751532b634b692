// Episode time driven by the wall clock while playing; the only place the viewer reads a clock.

export class PlaybackClock {
  timeSec = 0;
  playing = false;
  speed = 1;
  #lastWallMs: number | undefined;

  constructor(public durationSec: number) {}

  /** Advances by the wall time since the last tick; stops at the end. Returns the time. */
  tick(wallMs: number): number {
    if (this.playing && this.#lastWallMs !== undefined) {
      this.timeSec = Math.min(this.durationSec, this.timeSec + ((wallMs - this.#lastWallMs) / 1000) * this.speed);
      if (this.timeSec >= this.durationSec) this.playing = false;
    }
    this.#lastWallMs = wallMs;
    return this.timeSec;
  }

  seek(timeSec: number): void {
    this.timeSec = Math.max(0, Math.min(this.durationSec, timeSec));
  }

  toggle(): void {
    if (!this.playing && this.timeSec >= this.durationSec) this.timeSec = 0;
    this.playing = !this.playing;
  }
}
