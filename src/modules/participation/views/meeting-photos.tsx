import type { ViewContext } from '../../../platform/views/view-context.js';
import type { MeetingPhoto } from '../queries/proposal-detail-queries.js';

const thumbnailWidth = 160;

/** A meeting's photos, small and lazily loaded: the consultation page must stay light on slow networks. */
export function MeetingPhotos({ ctx, photos }: { ctx: ViewContext; photos: MeetingPhoto[] }) {
  if (photos.length === 0) return <></>;
  return (
    <ul class="meeting-photos" aria-label={ctx.t('participation.meeting.photos')}>
      {photos.map((photo) => {
        const height = photo.width && photo.height ? Math.round((photo.height * thumbnailWidth) / photo.width) : thumbnailWidth;
        return (
          <li>
            <figure>
              <a href={`/files/${photo.file_id}`}><img src={`/files/${photo.file_id}`} alt={photo.caption} width={String(thumbnailWidth)} height={String(height)} loading="lazy" /></a>
              {photo.caption ? <figcaption safe>{photo.caption}</figcaption> : ''}
            </figure>
          </li>
        );
      })}
    </ul>
  );
}
