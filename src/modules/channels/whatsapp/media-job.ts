import type { PlatformServices } from '../../../platform/http/context.js';
import { AppError } from '../../../platform/http/errors.js';
import type { Locale } from '../../../platform/i18n/locales.js';
import type { QueueHandler } from '../../../platform/queue/job-queue.js';
import { maskPhone } from '../../../platform/queue/mask.js';
import { attachPhoneMedia } from '../../requests/index.js';
import { providersOf } from '../provider-config.js';
import { asRecord, callProvider, type FetchLike, ProviderError } from '../providers/client.js';

export const mediaJobName = 'channels.whatsapp.media';

/** What a complaint may carry: photos and PDF documents (checked again from the bytes when stored). */
export const acceptedMediaTypes: readonly string[] = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];

/** A WhatsApp photo or document to fetch from Meta and attach to a complaint. */
export interface MediaToAttach {
  /** The WhatsApp message that carried it. */
  externalId: string;
  phone: string;
  mediaId: string;
  contentType: string;
  reference: string;
  locale: Locale;
}

// Meta may be briefly unreachable; the media stays available for weeks, so a few spaced retries are enough.
const mediaRetries = { retryLimit: 4, retryDelaySeconds: 60, retryBackoff: true };

export async function enqueueMediaJob(services: PlatformServices, communeId: string, media: MediaToAttach): Promise<void> {
  await services.queue.enqueue(mediaJobName, { communeId, ...media }, { ...mediaRetries, singletonKey: `${communeId}:${media.mediaId}` });
}

/** The file is not one a complaint may carry: say so to the person, retrying would not help. */
class RefusedMedia extends Error {}

interface GraphAccess {
  accessToken: string;
  graphVersion: string;
  fetch: FetchLike;
}

/** Meta's two steps: the media id gives a short-lived URL (and the type and size), which is fetched with the token. */
async function downloadMedia(access: GraphAccess, mediaId: string, maxBytes: number): Promise<{ content: Buffer; contentType: string }> {
  const headers = { Authorization: `Bearer ${access.accessToken}` };
  const { json } = await callProvider('whatsapp', access.fetch, `https://graph.facebook.com/${access.graphVersion}/${encodeURIComponent(mediaId)}`, { headers });
  const meta = asRecord(json);
  const contentType = String(meta.mime_type ?? '').split(';')[0]!.trim();
  if (!acceptedMediaTypes.includes(contentType)) throw new RefusedMedia(`type ${contentType}`);
  if (Number(meta.file_size ?? 0) > maxBytes) throw new RefusedMedia('too large');
  if (typeof meta.url !== 'string') throw new ProviderError('whatsapp', 'media without url', false);
  let response: Response;
  try {
    response = await access.fetch(meta.url, { headers });
  } catch (error) {
    throw new ProviderError('whatsapp', `network error: ${(error as Error).message}`, true);
  }
  if (!response.ok) throw new ProviderError('whatsapp', `media download HTTP ${response.status}`, response.status === 429 || response.status >= 500, { httpStatus: response.status });
  const content = Buffer.from(await response.arrayBuffer());
  if (content.length > maxBytes) throw new RefusedMedia('too large');
  return { content, contentType };
}

function isMediaJob(data: unknown): data is MediaToAttach & { communeId: string } {
  const job = data as Partial<MediaToAttach & { communeId: string }> | null;
  return typeof job?.communeId === 'string' && typeof job.mediaId === 'string' && typeof job.reference === 'string' && typeof job.phone === 'string';
}

/**
 * The `channels.whatsapp.media` job: downloads the media with the commune's access token, stores it and attaches it
 * to the complaint, then tells the person. A network or Meta failure is retried by the queue; a file of the wrong
 * type or size is refused with a message. `fetch` is injectable for tests.
 */
export function whatsAppMediaHandler(fetchFn: FetchLike = (input, init) => globalThis.fetch(input, init)): QueueHandler<PlatformServices> {
  return {
    name: mediaJobName,
    async handle(services, data) {
      if (!isMediaJob(data)) throw new Error('not a WhatsApp media job');
      const commune = await services.db.selectFrom('communes').select(['id', 'slug']).where('id', '=', data.communeId).executeTakeFirstOrThrow();
      const config = providersOf(services.config, commune.slug).whatsapp;
      if (!config) throw new Error(`WhatsApp is not configured for ${commune.slug}`);
      const t = services.messages.translator(data.locale);
      const maxMegabytes = String(Math.floor(services.config.uploadMaxBytes / (1024 * 1024)));
      const answer = (outcome: string, body: string) => services.messageSender.send({ channel: 'whatsapp', recipient: data.phone, body, purpose: `channels.reply.${outcome}`, communeId: commune.id });
      try {
        const file = await downloadMedia({ accessToken: config.accessToken, graphVersion: config.graphVersion ?? 'v21.0', fetch: fetchFn }, data.mediaId, services.config.uploadMaxBytes);
        const attached = await attachPhoneMedia(services, commune.id, data.reference, { content: file.content, filename: `whatsapp-${data.mediaId}`, channel: 'whatsapp', sourceId: data.mediaId });
        if (!attached) throw new RefusedMedia('complaint not found');
        await answer('photo', t('channels.whatsapp.photo_attached', { reference: data.reference }));
      } catch (error) {
        const refused = error instanceof RefusedMedia || (error instanceof AppError && error.code === 'UNSUPPORTED_FILE_TYPE');
        if (!refused) throw error;
        await answer('photo_refused', t('channels.whatsapp.photo_refused_size', { size: maxMegabytes }));
      }
    },
    // Never the phone number in full, nor the file.
    summarize(data): Record<string, string> {
      if (!isMediaJob(data)) return {};
      return { reference: data.reference, type: String(data.contentType), phone: maskPhone(data.phone) };
    },
  };
}
