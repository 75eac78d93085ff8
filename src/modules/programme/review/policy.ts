import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { definePolicy } from '../../../platform/permissions/authorize.js';
import { authorizeOperator, authorizeReviewer, type TeamStanding } from '../permissions.js';
import { applicationById, callById, isAssigned, reviewCallBySlug, reviewedStatuses, reviewOf } from './queries.js';
import type { ReviewApplicationRow, ReviewCallRow } from './tables.js';

/** What a team member may do with one application, given their standing, assignment and review. */
export interface ReviewSeat {
  standing: TeamStanding;
  assigned: boolean;
  conflict: boolean;
  closed: boolean;
  shortlisted: boolean;
}

/** The review's rules: reviewers score independently, a conflict of interest shuts them out, interviews follow the shortlist. */
export const reviewPolicy = definePolicy<{
  'programme.review.open': ReviewSeat;
  'programme.review.read_answers': ReviewSeat;
  'programme.review.score': ReviewSeat;
  'programme.review.declare_conflict': ReviewSeat;
  'programme.review.interview': ReviewSeat;
}>({
  'programme.review.open': (_actor, seat) => seat.assigned || seat.standing.operator,
  'programme.review.read_answers': (_actor, seat) => (seat.assigned || seat.standing.operator) && !seat.conflict,
  'programme.review.score': (_actor, seat) => seat.assigned && !seat.conflict && !seat.closed,
  'programme.review.declare_conflict': (_actor, seat) => seat.assigned && !seat.conflict && !seat.closed,
  'programme.review.interview': (_actor, seat) => (seat.assigned || seat.standing.operator) && seat.shortlisted,
});

/** The call an operator URL names, once the actor is known to be an operator. */
export async function operatorCall(request: FastifyRequest, slug: string): Promise<{ call: ReviewCallRow; standing: TeamStanding }> {
  const standing = await authorizeOperator(request);
  const call = await reviewCallBySlug(request.server.platform.db, slug);
  if (!call) throw new AppError('NOT_FOUND');
  return { call, standing };
}

/** An application of a call the operator names in the URL: one of another call is not found here. */
export async function operatorApplication(request: FastifyRequest, slug: string, id: string) {
  const { call, standing } = await operatorCall(request, slug);
  const application = await applicationById(request.server.platform.db, id);
  if (!application || application.call_id !== call.id || !(reviewedStatuses as readonly string[]).includes(application.status)) throw new AppError('NOT_FOUND');
  return { call, standing, application };
}

export interface ReviewDesk {
  application: ReviewApplicationRow;
  seat: ReviewSeat;
  userId: string;
}

/**
 * An application as a team member reaches it from the desk; a reviewer not assigned to its call gets the same 404 as
 * an application that does not exist (nothing tells them which applications there are).
 */
export async function reviewSeat(request: FastifyRequest, id: string): Promise<ReviewDesk> {
  const standing = await authorizeReviewer(request);
  const { db } = request.server.platform;
  const userId = request.actor.user!.id;
  const application = await applicationById(db, id);
  if (!application || !(reviewedStatuses as readonly string[]).includes(application.status)) throw new AppError('NOT_FOUND');
  const [assigned, review, call] = await Promise.all([isAssigned(db, application.call_id, userId), reviewOf(db, application.id, userId), callById(db, application.call_id)]);
  const seat: ReviewSeat = { standing, assigned, conflict: !!review?.conflict_reason, closed: call.review_closed_at !== null, shortlisted: application.status === 'shortlisted' };
  if (!reviewPolicy.can(request.actor, 'programme.review.open', seat)) throw new AppError('NOT_FOUND');
  return { application, seat, userId };
}
