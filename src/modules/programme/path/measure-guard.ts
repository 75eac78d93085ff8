import { AsyncLocalStorage } from 'node:async_hooks';

// The scorecard counts a commune's open-data exports with rows, and this module's export reads the scorecard: while
// a measure is under way, the export lists its rows without values rather than measuring again, endlessly.
const measuring = new AsyncLocalStorage<true>();

export const measureUnderWay = (): boolean => measuring.getStore() === true;

export const whileMeasuring = <T>(work: () => Promise<T>): Promise<T> => measuring.run(true, work);
