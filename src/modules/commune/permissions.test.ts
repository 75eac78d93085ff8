import { describe, expect, it } from 'vitest';
import type { CommuneRole } from '../../platform/db/platform-tables.js';
import type { Actor } from '../../platform/permissions/actor.js';
import { communePolicy } from './permissions.js';

const actor = (communeId: string, ...roles: CommuneRole[]): Actor => ({
  user: { id: 'u' } as Actor['user'],
  isPlatformAdmin: false,
  sessionKind: 'staff',
  roles: new Map([[communeId, new Set(roles)]]),
});

describe('communePolicy', () => {
  const here = { communeId: 'A' };
  it.each([
    ['staff of the commune', actor('A', 'staff'), 'news.publish', true],
    ['admin of the commune', actor('A', 'admin'), 'profile.edit', true],
    ['staff of the commune edits the profile', actor('A', 'staff'), 'profile.edit', true],
    ['staff of another commune', actor('B', 'staff', 'admin'), 'news.edit', false],
    ['a citizen', actor('A', 'citizen'), 'news.edit', false],
    ['a moderator', actor('A', 'moderator'), 'documents.edit', false],
    ['a mediator', actor('A', 'mediator'), 'council.edit', false],
  ] as const)('%s', (_label, who, action, expected) => {
    expect(communePolicy.can(who, action, here)).toBe(expected);
  });
});
