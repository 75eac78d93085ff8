import { PhotoGallery } from '../../../platform/views/photo-gallery.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { MeetingPhoto } from '../queries/proposal-detail-queries.js';

/** A meeting's photos on the consultation page and in the back office. */
export function MeetingPhotos({ ctx, photos }: { ctx: ViewContext; photos: MeetingPhoto[] }) {
  return <PhotoGallery label={ctx.t('participation.meeting.photos')} photos={photos} />;
}
