import { auditEvent } from '../audit/audit.js';
import type { CoreDeps, RequestContext } from '../ports.js';

/** Whether the person signing in is still to be shown the privacy notice (GDPR art. 13: at the first sign-in). */
export const mustSeePrivacyNotice = async (deps: CoreDeps, ctx: RequestContext): Promise<boolean> =>
  !(await deps.privacyNotice.seen(ctx.actor.userId));

/** Records that the person was shown the privacy notice: once, with its audit event under their record. */
export async function acknowledgePrivacyNotice(deps: CoreDeps, ctx: RequestContext): Promise<void> {
  const now = deps.clock.now();
  await deps.privacyNotice.markSeen(
    ctx.actor.userId,
    now.toISOString(),
    auditEvent(ctx.actor, now, 'user.privacy_notice_seen', { type: 'user', id: ctx.actor.userId }),
  );
}
