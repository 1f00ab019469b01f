/**
 * The alarm tone, synthesised with WebAudio so no audio file ships or loads. Browsers start an
 * AudioContext suspended until the page has had a click; `unlock()` is called from one.
 */
export class Beeper {
  private ctx: AudioContext | null = null;

  /** True when a tone would actually sound now. */
  get ready(): boolean {
    return this.ctx?.state === 'running';
  }

  unlock(): void {
    try {
      this.ctx ??= new AudioContext();
      if (this.ctx.state === 'suspended') void this.ctx.resume();
    } catch {
      // No audio device (a server-room PC): the bell's count and panel still show.
    }
  }

  /** Three short high tones: distinct from a system chime, not a siren in a quiet lab. */
  alarm(): void {
    this.tones([880, 880, 1175], 0.35);
  }

  /** The reminder while an alert stays unattended: two softer tones, gentle enough to repeat. */
  reminder(): void {
    this.tones([880, 1175], 0.15);
  }

  private tones(frequencies: readonly number[], peak: number): void {
    this.unlock();
    const ctx = this.ctx;
    if (!ctx) return;
    const start = ctx.currentTime + 0.02;
    frequencies.forEach((frequency, i) => {
      const t0 = start + i * 0.32;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.setValueAtTime(frequency, t0);
      gain.gain.setValueAtTime(0.0001, t0);
      gain.gain.exponentialRampToValueAtTime(peak, t0 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.24);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0);
      osc.stop(t0 + 0.26);
    });
  }

  close(): void {
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
  }
}
