import { describe, expect, it } from 'vitest';
import { parseProviderConfig, ProviderConfigError } from './provider-config.js';

const env = { AT_KEY: 'at-secret', WA_TOKEN: 'wa-token', WA_APP: 'wa-app', WA_VERIFY: 'wa-verify' };

describe('CHANNEL_PROVIDERS', () => {
  it('reads each commune’s providers and takes secrets from the environment', () => {
    const raw = JSON.stringify({
      'ndar-toute': {
        sms: { provider: 'africastalking', username: 'ndar', apiKey: '$AT_KEY', from: 'NDAR' },
        whatsapp: { phoneNumberId: '123', accessToken: '$WA_TOKEN', appSecret: '$WA_APP', verifyToken: '$WA_VERIFY', template: { name: 'palabre_message', language: 'fr' } },
      },
    });
    const providers = parseProviderConfig(raw, env).get('ndar-toute')!;
    expect(providers.sms).toEqual({ provider: 'africastalking', username: 'ndar', apiKey: 'at-secret', from: 'NDAR' });
    expect(providers.whatsapp?.accessToken).toBe('wa-token');
  });

  it('is empty when unset, and refuses bad JSON, unknown providers and missing secrets with a clear message', () => {
    expect(parseProviderConfig(undefined, env).size).toBe(0);
    expect(() => parseProviderConfig('{', env)).toThrow(new ProviderConfigError('CHANNEL_PROVIDERS: not valid JSON'));
    expect(() => parseProviderConfig(JSON.stringify({ x: { sms: { provider: 'pigeon' } } }), env)).toThrow(/x\.sms\.provider/);
    expect(() => parseProviderConfig(JSON.stringify({ x: { sms: { provider: 'africastalking', username: 'u', apiKey: '$NOPE' } } }), env)).toThrow('x.sms.apiKey: environment variable NOPE is not set');
  });
});
