import { describe, expect, it } from 'vitest';
import type { Principal } from '../../functions/core/auth/principal.js';
import {
  endSession,
  endUserSessions,
  FORM_STASH_MINUTES,
  hashId,
  listUserSessions,
  listUsersForAdmin,
  resumeSession,
  SESSION_IDLE_MINUTES,
  SESSION_TOUCH_MINUTES,
  SESSION_WORKING_DAY_HOURS,
  sessionEnd,
  startSession,
  stashForm,
  takeStashedForm,
} from '../../functions/core/auth/session.service.js';
import type { SessionTokens } from '../../functions/core/ports.js';
import { AppError } from '../../functions/core/shared/errors.js';
import { createFakes } from '../support/fakes.js';

const MINUTE = 60_000;
const sofie: Principal = {
  userId: 'u-sofie',
  email: 'sofie@auh.rm.dk',
  name: 'Sofie Andersen',
  roles: ['applicant'],
  chair: false,
};
const admin: Principal = {
  ...sofie,
  userId: 'u-admin',
  email: 'admin@fim.local',
  roles: ['applicant', 'admin'],
};

function setUp() {
  const fakes = createFakes({
    users: [
      { ...sofie, organisation: 'AUH' },
      { ...admin, organisation: 'FIM' },
    ],
  });
  const calls: string[] = [];
  let refused = false;
  const tokens: SessionTokens = {
    async refresh(refreshToken) {
      calls.push(`refresh ${refreshToken}`);
      if (refused) throw new Error('invalid_grant');
      return {
        principal: { ...sofie, roles: ['applicant', 'reviewer'] },
        tokenExpiresAt: new Date(fakes.clock.now().getTime() + 60 * MINUTE).toISOString(),
      };
    },
    async revoke(refreshToken) {
      calls.push(`revoke ${refreshToken}`);
      throw new Error('Cognito is down');
    },
  };
  const deps = { ...fakes.deps, tokens };
  const at = (minutes: number) => fakes.clock.advance(minutes * MINUTE);
  return { fakes, deps, calls, at, refuse: () => (refused = true) };
}

describe('session times', () => {
  it('ends at the idle limit from the last use, never past the working day', () => {
    const created = '2027-03-01T09:00:00.000Z';
    const t0 = Date.parse(created);
    expect(sessionEnd(created, t0)).toBe(new Date(t0 + SESSION_IDLE_MINUTES * MINUTE).toISOString());
    const late = t0 + (SESSION_WORKING_DAY_HOURS * 60 - 30) * MINUTE;
    expect(sessionEnd(created, late)).toBe(
      new Date(t0 + SESSION_WORKING_DAY_HOURS * 60 * MINUTE).toISOString(),
    );
  });

  it('writes the sliding end only every few minutes', async () => {
    const { fakes, deps, at } = setUp();
    const { id, session } = await startSession(deps, sofie);
    at(SESSION_TOUCH_MINUTES - 1);
    await resumeSession(deps, id);
    expect(fakes.store.sessions.get(session.idHash)?.lastSeenAt).toBe(session.createdAt);
    at(1);
    await resumeSession(deps, id);
    expect(fakes.store.sessions.get(session.idHash)?.lastSeenAt).toBe(fakes.clock.now().toISOString());
  });
});

describe('resuming a session', () => {
  it('stores a hash of the id, never the id', async () => {
    const { fakes, deps } = setUp();
    const { id, session } = await startSession(deps, sofie);
    expect(session.idHash).toBe(await hashId(id));
    expect(session.idHash).not.toBe(id);
    expect(JSON.stringify([...fakes.store.sessions.values()])).not.toContain(id);
    expect(fakes.store.eventsOf(sofie.userId).map((e) => e.action)).toEqual(['session.started']);
  });

  it('renews an expired ID token with the refresh token, and takes in the new roles', async () => {
    const { deps, calls, at } = setUp();
    const { id } = await startSession(deps, sofie, {
      refreshToken: 'r1',
      tokenExpiresAt: new Date(deps.clock.now().getTime() + 60 * MINUTE).toISOString(),
    });
    at(59);
    expect((await resumeSession(deps, id))?.roles).toEqual(['applicant']);
    at(2);
    expect((await resumeSession(deps, id))?.roles).toEqual(['applicant', 'reviewer']);
    expect(calls).toEqual(['refresh r1']);
  });

  it('ends the session when the refresh token is refused, or when there is none to renew with', async () => {
    const { fakes, deps, at, refuse } = setUp();
    const expiresIn = (m: number) => new Date(deps.clock.now().getTime() + m * MINUTE).toISOString();
    const renewable = await startSession(deps, sofie, { refreshToken: 'r1', tokenExpiresAt: expiresIn(60) });
    const bare = await startSession(deps, sofie, { tokenExpiresAt: expiresIn(60) });
    const noProvider = await startSession(fakes.deps, sofie, {
      refreshToken: 'r2',
      tokenExpiresAt: expiresIn(60),
    });
    refuse();
    at(61);
    const cases = [
      [renewable, deps],
      [bare, deps],
      [noProvider, fakes.deps],
    ] as const;
    for (const [{ id, session }, resumeWith] of cases) {
      expect(await resumeSession(resumeWith, id)).toBeUndefined();
      expect(fakes.store.sessions.has(session.idHash)).toBe(false);
    }
  });

  it('does not write back a session ended while the request ran', async () => {
    const { fakes, deps, at } = setUp();
    const { id, session } = await startSession(deps, sofie);
    at(SESSION_TOUCH_MINUTES);
    const { get } = deps.sessions;
    const racing = {
      ...deps,
      sessions: {
        ...deps.sessions,
        get: async (idHash: string) => {
          const found = await get(idHash);
          fakes.store.sessions.delete(idHash);
          return found;
        },
      },
    };
    expect(await resumeSession(racing, id)).toBeUndefined();
    expect(fakes.store.sessions.has(session.idHash)).toBe(false);
  });
});

describe('ending sessions', () => {
  it('signs out even when the revocation fails, and audits it', async () => {
    const { fakes, deps, calls } = setUp();
    const { id, session } = await startSession(deps, sofie, {
      refreshToken: 'r1',
      tokenExpiresAt: new Date(deps.clock.now().getTime() + 60 * MINUTE).toISOString(),
    });
    await endSession(deps, id);
    expect(fakes.store.sessions.has(session.idHash)).toBe(false);
    expect(calls).toEqual(['revoke r1']);
    expect(fakes.store.eventsOf(sofie.userId).at(-1)).toMatchObject({
      action: 'session.ended',
      details: { by: 'logout' },
    });
    // Again, or with an id no one was given: nothing happens.
    await endSession(deps, id);
    await endSession(deps, 'not-an-id');
  });

  it('lets an administrator end every session of a person, and no one else', async () => {
    const { fakes, deps, calls } = setUp();
    const soon = new Date(deps.clock.now().getTime() + 60 * MINUTE).toISOString();
    await startSession(deps, sofie, { refreshToken: 'a', tokenExpiresAt: soon });
    await startSession(deps, sofie, { refreshToken: 'b', tokenExpiresAt: soon });
    const mine = await startSession(deps, admin);
    await expect(endUserSessions(deps, { actor: sofie }, sofie.userId)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(listUserSessions(deps, { actor: sofie }, sofie.userId)).rejects.toBeInstanceOf(AppError);
    expect((await listUserSessions(deps, { actor: admin }, sofie.userId)).sessions).toHaveLength(2);
    expect(await endUserSessions(deps, { actor: admin }, sofie.userId)).toEqual({ ended: 2 });
    expect(calls.sort()).toEqual(['revoke a', 'revoke b']);
    expect((await listUserSessions(deps, { actor: admin }, sofie.userId)).sessions).toEqual([]);
    expect(fakes.store.sessions.has(mine.session.idHash)).toBe(true);
    await expect(endUserSessions(deps, { actor: admin }, 'nobody')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(listUsersForAdmin(deps, { actor: sofie })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const everyone = await listUsersForAdmin(deps, { actor: admin });
    expect(everyone.map((u) => u.userId).sort()).toEqual(['u-admin', 'u-sofie']);
  });
});

describe('forms kept over a sign-in', () => {
  it('are found once, by their id, within the time kept', async () => {
    const { deps, at } = setUp();
    const id = await stashForm(deps, '/applications/a1', [['title', 'Fald']]);
    expect(await takeStashedForm(deps, id)).toMatchObject({
      path: '/applications/a1',
      fields: [['title', 'Fald']],
    });
    expect(await takeStashedForm(deps, id)).toBeUndefined();
    const late = await stashForm(deps, '/applications/a1', [['title', 'Fald']]);
    at(FORM_STASH_MINUTES);
    expect(await takeStashedForm(deps, late)).toBeUndefined();
    expect(await takeStashedForm(deps, 'short')).toBeUndefined();
  });
});
