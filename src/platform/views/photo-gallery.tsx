export interface GalleryPhoto {
  file_id: string;
  caption: string;
  width: number | null;
  height: number | null;
}

const thumbnailWidth = 160;

/** Photos small and lazily loaded, each linking to its full size: pages must stay light on slow networks. */
export function PhotoGallery({ label, photos }: { label: string; photos: GalleryPhoto[] }) {
  if (photos.length === 0) return <></>;
  return (
    <ul class="meeting-photos" aria-label={label}>
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
