const inFlight = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after every earlier work of the same key has settled (in this process); other keys are not held up.
 * Several server processes on PostgreSQL may still interleave; Meta does not promise order either.
 */
export function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const next = (inFlight.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
  inFlight.set(key, next);
  const forget = () => {
    if (inFlight.get(key) === next) inFlight.delete(key);
  };
  next.then(forget, forget);
  return next;
}
