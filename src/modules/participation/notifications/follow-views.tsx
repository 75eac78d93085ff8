import { CsrfField } from '../../../platform/views/components.js';
import type { ViewContext } from '../../../platform/views/view-context.js';

/** Follow or stop following a proposal or a consultation: a plain form, so it works without JavaScript. */
export function FollowForm({ ctx, path, following }: { ctx: ViewContext; path: string; following: boolean }) {
  if (!ctx.actor.user) {
    return <p><a href={`/sign-in?commune=${ctx.commune!.slug}&return=${encodeURIComponent(ctx.currentUrl)}`} safe>{ctx.t('participation.follow.sign_in')}</a></p>;
  }
  return (
    <form method="post" action={`${path}/${following ? 'unfollow' : 'follow'}`}>
      <CsrfField ctx={ctx} />
      <button type="submit" class="btn btn-secondary" safe>{ctx.t(following ? 'participation.follow.stop' : 'participation.follow.start')}</button>{' '}
      <span class="muted" safe>{ctx.t(following ? 'participation.follow.following_hint' : 'participation.follow.hint')}</span>
    </form>
  );
}
