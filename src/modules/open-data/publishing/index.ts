/** What the rest of the open-data module uses from publishing. */
export { resourceDownloadPath } from './paths.js';
export { onTabularResourceStored } from './hooks.js';
