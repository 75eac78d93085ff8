import { z } from 'zod';

// A secret is written "$NAME" and read from that environment variable: the JSON can sit in a file or a deployment
// manifest without holding credentials, and nothing secret ever reaches the database.
const secret = z.string().min(1);

const smsProvider = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('africastalking'), username: z.string().min(1), apiKey: secret, from: z.string().optional(), sandbox: z.boolean().optional() }),
  z.object({ provider: z.literal('orange'), clientId: secret, clientSecret: secret, senderAddress: z.string().regex(/^\+\d{6,15}$/), senderName: z.string().optional() }),
  z.object({ provider: z.literal('twilio'), accountSid: z.string().min(1), authToken: secret, apiKeySid: z.string().optional(), from: z.string().optional(), messagingServiceSid: z.string().optional() }),
]);

const whatsApp = z.object({
  phoneNumberId: z.string().min(1),
  accessToken: secret,
  /** Signs Meta's webhooks (X-Hub-Signature-256). */
  appSecret: secret,
  /** Meta's subscription check (GET hub.verify_token). */
  verifyToken: secret,
  /** The approved template carrying one free-text parameter, for messages outside the 24-hour window. */
  template: z.object({ name: z.string().min(1), language: z.string().min(2) }).optional(),
  graphVersion: z.string().optional(),
});

const communeProviders = z.object({ sms: smsProvider.optional(), whatsapp: whatsApp.optional() });
const providersByCommune = z.record(z.string().regex(/^[a-z0-9-]+$/), communeProviders);

export type SmsProviderConfig = z.infer<typeof smsProvider>;
export type WhatsAppProviderConfig = z.infer<typeof whatsApp>;
export type CommuneProviders = z.infer<typeof communeProviders>;

export class ProviderConfigError extends Error {}

/** Replaces every "$NAME" string by the environment variable NAME; a missing variable is an error, not an empty key. */
function resolveSecrets(value: unknown, env: NodeJS.ProcessEnv, path: string): unknown {
  if (typeof value === 'string' && /^\$[A-Z_][A-Z0-9_]*$/.test(value)) {
    const resolved = env[value.slice(1)];
    if (!resolved) throw new ProviderConfigError(`${path}: environment variable ${value.slice(1)} is not set`);
    return resolved;
  }
  if (Array.isArray(value)) return value.map((item, index) => resolveSecrets(item, env, `${path}[${index}]`));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveSecrets(item, env, path ? `${path}.${key}` : key)]));
  return value;
}

/**
 * CHANNEL_PROVIDERS: `{ "<commune slug>": { "sms": { "provider": "africastalking", … }, "whatsapp": { … } } }`.
 * Unset, every commune's messages go to the outbox (the demo). An invalid value is reported with every problem.
 */
export function parseProviderConfig(raw: string | undefined, env: NodeJS.ProcessEnv = process.env): Map<string, CommuneProviders> {
  if (!raw) return new Map();
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ProviderConfigError('CHANNEL_PROVIDERS: not valid JSON');
  }
  const parsed = providersByCommune.safeParse(resolveSecrets(json, env, ''));
  if (!parsed.success) throw new ProviderConfigError(`CHANNEL_PROVIDERS: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return new Map(Object.entries(parsed.data));
}

const parsedByRaw = new Map<string, Map<string, CommuneProviders>>();

/** The providers one commune uses; parsed once per configuration value. */
export function providersOf(config: { channelProviders: string | undefined }, communeSlug: string): CommuneProviders {
  const raw = config.channelProviders ?? '';
  let parsed = parsedByRaw.get(raw);
  if (!parsed) {
    parsed = parseProviderConfig(raw);
    parsedByRaw.set(raw, parsed);
  }
  return parsed.get(communeSlug) ?? {};
}
