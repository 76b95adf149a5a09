/**
 * A run's passing states, shown only once the run has lasted `afterMs`: a run that ends sooner goes
 * from what was shown before straight to its outcome, with no state flashed between them (and its
 * steps never wait for one to render). From the moment it is revealed, each passing state is shown as
 * it comes. The outcome is shown at once, always, and nothing of the run is shown after it.
 */
export interface DelayedReveal<T> {
  /** A passing state: held until the reveal, shown at once after it. */
  passing(v: T): void;
  /** The outcome: shown at once; the run's later passing states and its pending reveal are dropped. */
  outcome(v: T): void;
}

export function delayedReveal<T>(afterMs: number, show: { passing(v: T): void; outcome(v: T): void }): DelayedReveal<T> {
  let latest: T | undefined;
  let held = false;
  let revealed = false;
  let over = false;
  const timer = setTimeout(() => {
    revealed = true;
    if (held && !over) show.passing(latest as T);
  }, afterMs);
  return {
    passing(v) {
      if (over) return;
      if (revealed) show.passing(v);
      else {
        latest = v;
        held = true;
      }
    },
    outcome(v) {
      if (over) return;
      over = true;
      clearTimeout(timer);
      show.outcome(v);
    },
  };
}
