import type { PalabreModule } from './platform/module.js';
import { communeModule } from './modules/commune/index.js';
import { participationModule } from './modules/participation/index.js';
import { budgetingModule } from './modules/budgeting/index.js';
import { requestsModule } from './modules/requests/index.js';
import { openDataModule } from './modules/open-data/index.js';
import { financesModule } from './modules/finances/index.js';
import { accountabilityModule } from './modules/accountability/index.js';
import { channelsModule } from './modules/channels/index.js';
import { networkModule } from './modules/network/index.js';
import { programmeModule } from './modules/programme/index.js';

/** The domain modules of this install, in menu order. Add a module here to switch it on for the platform. */
export const modules: readonly PalabreModule[] = [communeModule, participationModule, budgetingModule, financesModule, accountabilityModule, requestsModule, channelsModule, openDataModule, networkModule, programmeModule];
