import type { DatasetState } from '../../db/tables.js';

export const stateLabelKeys: Record<DatasetState, string> = {
  draft: 'open-data.publishing.state_draft',
  published: 'open-data.publishing.state_published',
  withdrawn: 'open-data.publishing.state_withdrawn',
};

/** The state changes offered from each state. */
export const stateActions: Record<DatasetState, { to: DatasetState; labelKey: string }[]> = {
  draft: [{ to: 'published', labelKey: 'open-data.publishing.publish' }],
  published: [
    { to: 'withdrawn', labelKey: 'open-data.publishing.withdraw' },
    { to: 'draft', labelKey: 'open-data.publishing.to_draft' },
  ],
  withdrawn: [
    { to: 'published', labelKey: 'open-data.publishing.publish' },
    { to: 'draft', labelKey: 'open-data.publishing.to_draft' },
  ],
};
