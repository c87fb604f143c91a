import type { CoreDeps, UserProfile } from '../ports.js';
import { AppError } from '../shared/errors.js';

/*
 * The local demo sign-in's reads (npm start and the tests; in AWS people sign in through Cognito and these are
 * never reached): the users one may sign in as, and the one chosen.
 */

/** Everyone one may sign in as locally. */
export const listDemoUsers = async (deps: CoreDeps): Promise<UserProfile[]> =>
  (await deps.users.listAll()).filter((u) => !u.disabled);

/** The demo user with this e-mail, unless erased. @throws AppError UNAUTHENTICATED (no such user, or disabled) */
export async function findDemoUser(deps: CoreDeps, email: string): Promise<UserProfile> {
  const user = await deps.users.getByEmail(email);
  // An erased person's account is disabled (docs/cases.md "Erasure"): locally the directory is the demo's accounts.
  if (!user || user.disabled) throw new AppError('UNAUTHENTICATED', { code: 'UNKNOWN_DEMO_USER' });
  return user;
}
