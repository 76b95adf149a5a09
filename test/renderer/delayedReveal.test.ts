import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { delayedReveal } from '../../src/renderer/src/state/delayedReveal.ts';

function recorder() {
  const seen: string[] = [];
  return { seen, show: { passing: (v: string) => seen.push(`passing:${v}`), outcome: (v: string) => seen.push(`outcome:${v}`) } };
}

describe("delayedReveal (the window shows a ceremony's running phases only once it has lasted a moment)", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a run that ends before the reveal shows its outcome alone: no passing state flashed, none after', () => {
    const { seen, show } = recorder();
    const r = delayedReveal(150, show);
    r.passing('options');
    r.passing('client');
    vi.advanceTimersByTime(149);
    r.outcome('verified');
    vi.advanceTimersByTime(1000);
    r.passing('late');
    expect(seen).toEqual(['outcome:verified']);
  });

  it('a longer run shows the latest passing state at the reveal, then each as it comes, then its outcome', () => {
    const { seen, show } = recorder();
    const r = delayedReveal(150, show);
    r.passing('options');
    r.passing('client');
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(150);
    expect(seen).toEqual(['passing:client']);
    r.passing('verify');
    r.outcome('failed');
    r.outcome('again');
    expect(seen).toEqual(['passing:client', 'passing:verify', 'outcome:failed']);
  });

  it('the reveal shows nothing when no passing state came yet, and the first one after it at once', () => {
    const { seen, show } = recorder();
    const r = delayedReveal(150, show);
    vi.advanceTimersByTime(200);
    expect(seen).toEqual([]);
    r.passing('client');
    expect(seen).toEqual(['passing:client']);
  });
});
