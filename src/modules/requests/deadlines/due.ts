import { addWorkingDays, type WorkingCalendar } from './working-days.js';

export type { WorkingCalendar };

/** The date by which a complaint must be answered: its category's working days after the day it was filed. */
export function complaintDueOn(submittedOn: string, responseDays: number, calendar: WorkingCalendar): string {
  return addWorkingDays(submittedOn, responseDays, calendar);
}
