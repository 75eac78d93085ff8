export { requestsModule } from './manifest.js';
export { complaintCategoryChoices, complaintStatusForPhone, fileComplaintFromPhone, type PhoneComplaint } from './phone-channels.js';
