export { requestsModule } from './manifest.js';
export { complaintCategoryChoices, complaintStatusForPhone, fileComplaintFromPhone, type PhoneComplaint } from './phone-channels.js';
export { complaintsByChannel } from './queries/channel-counts.js';
