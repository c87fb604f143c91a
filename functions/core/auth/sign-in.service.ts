import type { CoreDeps, UserProfile } from '../ports.js';
import { AppError } from '../shared/errors.js';

/*
 * The local demo sign-in's reads (npm start and the tests; in AWS people sign in through Cognito and these are
 * never reached): the users one may sign in as, and the one chosen.
 */

/** Everyone one may sign in as locally. */
export const listDemoUsers = (deps: CoreDeps): Promise<UserProfile[]> => deps.users.listAll();

/** The demo user with this e-mail. @throws AppError UNAUTHENTICATED (no such user) */
export async function findDemoUser(deps: CoreDeps, email: string): Promise<UserProfile> {
  const user = await deps.users.getByEmail(email);
  if (!user) throw new AppError('UNAUTHENTICATED', { code: 'UNKNOWN_DEMO_USER' });
  return user;
}
