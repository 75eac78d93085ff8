import { AppError } from '../http/errors.js';
import type { Actor } from './actor.js';
import { recordDecision } from './decisions.js';

/** A rule says whether an actor may perform one action on one resource. */
export type PolicyRule<Resource> = (actor: Actor, resource: Resource) => boolean;

/** A module's policy: one rule per action, e.g. { 'news.publish': (actor, news) => … }. */
export type Policy<Resources extends Record<string, unknown>> = {
  [Action in keyof Resources]: PolicyRule<Resources[Action]>;
};

export function definePolicy<Resources extends Record<string, unknown>>(rules: Policy<Resources>) {
  return {
    rules,
    can<Action extends keyof Resources & string>(actor: Actor, action: Action, resource: Resources[Action]): boolean {
      recordDecision(`policy:${action}`);
      return rules[action](actor, resource);
    },
    /** Throws FORBIDDEN (rendered as a translated 403 page) unless the rule allows it. */
    authorize<Action extends keyof Resources & string>(
      actor: Actor,
      action: Action,
      resource: Resources[Action],
    ): void {
      recordDecision(`policy:${action}`);
      if (!rules[action](actor, resource)) {
        throw new AppError(actor.user ? 'FORBIDDEN' : 'SIGN_IN_REQUIRED', `denied ${action}`);
      }
    },
  };
}
