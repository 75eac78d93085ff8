import type { Principle, ThreadStatus } from './tables.js';

export const principleLabelKeys: Record<Principle, string> = {
  transparency: 'network.exchange.principle_transparency',
  participation: 'network.exchange.principle_participation',
  accountability: 'network.exchange.principle_accountability',
  innovation: 'network.exchange.principle_innovation',
};

export const statusLabelKeys: Record<ThreadStatus, string> = {
  open: 'network.exchange.status_open',
  resolved: 'network.exchange.status_resolved',
};
