import type { OpenDataExport } from '../../../platform/module.js';
import { forumMembers, meetingRecords } from './queries.js';

/**
 * The forum's record as open data. Membership is public under OGP's rules (who sits in the forum, for whom, and the
 * gender balance), so members are listed with name, organisation, sector and gender as recorded — never a contact.
 */
export const forumExports: OpenDataExport[] = [
  {
    id: 'accountability-forum-meetings',
    titleKey: 'accountability.forum.exports.meetings_title',
    descriptionKey: 'accountability.forum.exports.meetings_description',
    rows: async (db, communeId) =>
      (await meetingRecords(db, communeId)).map(({ meeting, presentIds, decisions }) => ({
        meeting_id: meeting.id,
        starts_at: meeting.starts_at.toISOString(),
        place: meeting.place,
        plan_id: meeting.plan_id,
        agenda_published_on: meeting.agenda_published_on,
        minutes_published_on: meeting.minutes_published_on,
        minutes_url: meeting.minutes_url,
        members_present: presentIds.length,
        other_attendees: meeting.other_attendees,
        decisions_count: decisions.length,
        decisions: decisions.map((d) => d.text).join(' | '),
      })),
  },
  {
    id: 'accountability-forum-members',
    titleKey: 'accountability.forum.exports.members_title',
    descriptionKey: 'accountability.forum.exports.members_description',
    rows: async (db, communeId) =>
      (await forumMembers(db, communeId)).map((m) => ({
        name: m.name,
        organisation: m.organisation,
        sector: m.sector,
        gender: m.gender,
        role: m.role,
        joined_on: m.joined_on,
        left_on: m.left_on,
      })),
  },
];
