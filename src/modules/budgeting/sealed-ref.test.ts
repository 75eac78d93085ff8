import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openBallotRef, sealBallotRef } from './sealed-ref.js';

const secret = 'a-session-secret-of-at-least-32-characters';

describe('sealed ballot reference', () => {
  it('opens what it sealed, and never shows the ballot id in clear', () => {
    const id = randomUUID();
    const ref = sealBallotRef(secret, id);
    expect(ref).not.toContain(id);
    expect(openBallotRef(secret, ref)).toBe(id);
    // A fresh nonce each time: two seals of one ballot do not match.
    expect(sealBallotRef(secret, id)).not.toBe(ref);
  });

  it('refuses a tampered reference, another secret, and garbage', () => {
    const ref = sealBallotRef(secret, randomUUID());
    const raw = Buffer.from(ref, 'base64url');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(openBallotRef(secret, raw.toString('base64url'))).toBeNull();
    expect(openBallotRef('another-secret-of-at-least-32-characters', ref)).toBeNull();
    expect(openBallotRef(secret, 'abc')).toBeNull();
  });
});
