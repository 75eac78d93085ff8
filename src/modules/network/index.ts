export { networkModule } from './manifest.js';
export { appendDraftChapter, type DraftChapter } from './guides/commands.js';
export { allGuides } from './guides/queries.js';
export { adminGuidesPath } from './guides/admin-views.js';
