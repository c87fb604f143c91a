import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../functions/core/auth/principal.js';
import { syncUserProfile } from '../../functions/core/auth/users.service.js';
import type { UserProfile } from '../../functions/core/ports.js';
import { createHarness, type Harness } from '../support/harness.js';
import { auditEvents } from '../support/table.js';

/*
 * The user directory follows the identity provider (Cognito's claims at each sign-in): through a core service,
 * written only when something changed, and each change with an audit event on the person's record.
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const person = (): UserProfile & Principal => ({
  userId: `cognito-${crypto.randomUUID()}`,
  email: 'sofie@auh.rm.dk',
  name: 'Sofie Andersen',
  organisation: 'Aarhus Universitetshospital',
  roles: ['applicant', 'reviewer'],
  chair: false,
});

const synced = async (userId: string) =>
  (await auditEvents(h, `USER#${userId}`)).filter((e) => e.action === 'user.synced');

describe('syncUserProfile', () => {
  it('stores a new person with an audit event on their record', async () => {
    const sofie = person();
    await syncUserProfile(h.core, { actor: sofie }, sofie);
    expect(await h.core.users.get(sofie.userId)).toMatchObject({
      email: 'sofie@auh.rm.dk',
      organisation: 'Aarhus Universitetshospital',
      roles: ['applicant', 'reviewer'],
    });
    const events = await synced(sofie.userId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      entityType: 'user',
      entityId: sofie.userId,
      actor: { userId: sofie.userId },
      details: { created: true, roles: 'applicant,reviewer', chair: false },
    });
  });

  it('writes nothing when nothing changed (roles in another order are the same roles)', async () => {
    const sofie = person();
    await syncUserProfile(h.core, { actor: sofie }, sofie);
    const again = { ...sofie, roles: [...sofie.roles].reverse() };
    await syncUserProfile(h.core, { actor: again }, again);
    expect(await synced(sofie.userId)).toHaveLength(1);
  });

  it('writes a change of roles or organisation, naming the fields that changed', async () => {
    const sofie = person();
    await syncUserProfile(h.core, { actor: sofie }, sofie);
    const moved: UserProfile & Principal = {
      ...sofie,
      organisation: 'Region Midtjylland',
      roles: ['applicant'],
    };
    h.clock.advance(1_000);
    await syncUserProfile(h.core, { actor: moved }, moved);
    expect(await h.core.users.get(sofie.userId)).toMatchObject({
      organisation: 'Region Midtjylland',
      roles: ['applicant'],
    });
    const events = await synced(sofie.userId);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      details: { created: false, changed: 'organisation,roles', roles: 'applicant' },
    });
  });
});
