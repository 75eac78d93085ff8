export { requestsModule } from './manifest.js';
export { complaintCategoryChoices, requestStatusForPhone, fileComplaintFromPhone, type PhoneComplaint } from './phone-channels.js';
export { attachPhoneMedia, phoneAttachments, type PhoneMedia } from './phone-media.js';
export { complaintsByChannel } from './queries/channel-counts.js';
export { complaintResolutionMedianDays, informationAnsweredOnTime } from './statistics/scorecard-figures.js';
export { proceduresReadyWithinDelay } from './statistics/procedure-statistics.js';
