import { auditEvent } from '../audit/audit.js';
import type { CoreDeps, RequestContext, UserProfile } from '../ports.js';

/** The attributes the identity provider decides; a change to any of them is written and audited. */
const SYNCED = ['email', 'name', 'organisation', 'roles', 'chair'] as const;

const comparable = (profile: UserProfile, field: (typeof SYNCED)[number]): string =>
  field === 'roles' ? [...profile.roles].sort().join(',') : String(profile[field] ?? '');

/**
 * Brings the user directory's entry for a person in step with what the identity provider says about them
 * (Cognito's claims at each sign-in in AWS, the demo users locally). Writes only when something changed, with an
 * audit event `user.synced` naming the fields, so a change of roles or organisation is on the person's record.
 * Returns the entry as it now stands.
 */
export async function syncUserProfile(
  deps: Pick<CoreDeps, 'users' | 'clock'>,
  ctx: RequestContext,
  profile: UserProfile,
): Promise<UserProfile> {
  const stored = await deps.users.get(profile.userId);
  // An erased person's entry stays as the erasure left it (disabled, anonymised): no sign-in or seed writes it back.
  if (stored?.disabled) return stored;
  const changed = stored
    ? SYNCED.filter((field) => comparable(stored, field) !== comparable(profile, field))
    : SYNCED;
  if (changed.length === 0 && stored) return stored;
  await deps.users.put(
    profile,
    auditEvent(
      ctx.actor,
      deps.clock.now(),
      'user.synced',
      { type: 'user', id: profile.userId },
      {
        created: stored === undefined,
        changed: changed.join(','),
        roles: [...profile.roles].sort().join(','),
        chair: profile.chair,
        organisation: profile.organisation ?? null,
      },
    ),
  );
  return profile;
}
