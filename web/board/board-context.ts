import { isChairOrAdmin } from '../../functions/core/reviews/review.service.js';
import { forbidden } from '../../functions/core/shared/errors.js';
import { type WebContext, type WebRequestContext, webCtx } from '../render.js';

/** The chair's (or an admin's) request context; anyone else is refused. */
export const chairCtx = (c: WebContext): WebRequestContext => {
  const ctx = webCtx(c);
  if (!isChairOrAdmin(ctx.actor)) throw forbidden();
  return ctx;
};
