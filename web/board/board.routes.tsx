import { Hono } from 'hono';
import { getCall } from '../../functions/core/calls/call.service.js';
import { isBoardOrAdmin, isChairOrAdmin } from '../../functions/core/reviews/review.service.js';
import { forbidden } from '../../functions/core/shared/errors.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { boardReportRoutes } from '../awards/board-reports.routes.js';
import { callTitleOf } from '../pages/reviews.js';
import { page, webCtx } from '../render.js';
import { assignmentRoutes } from './assignment.routes.js';
import { BoardCallPage, BoardHomePage } from './board.page.js';
import { conflictRoutes } from './conflicts.routes.js';
import { meetingRoutes } from './meetings.routes.js';
import { rankingRoutes } from './ranking.routes.js';

/**
 * The board's pages, for board members and admins: the calls, and under each its assignment (chair),
 * conflicts (chair), ranking and exports, meetings and minutes; and the awards' project reports.
 */
export function boardRoutes(deps: AppDeps) {
  const board = new Hono<AppEnv>();
  board.use('*', async (c, next) => {
    if (!isBoardOrAdmin(webCtx(c).actor)) throw forbidden();
    await next();
  });

  board.get('/', async (c) => {
    const { lang } = webCtx(c);
    const [open, closed] = await Promise.all([
      deps.core.calls.listByStatus('open'),
      deps.core.calls.listByStatus('closed'),
    ]);
    return page(c, texts[lang].board.title, <BoardHomePage lang={lang} open={open} closed={closed} />);
  });

  board.get('/calls/:callId', async (c) => {
    const { actor, lang } = webCtx(c);
    const call = await getCall(deps.core, actor, c.req.param('callId'));
    return page(
      c,
      callTitleOf(call, lang),
      <BoardCallPage lang={lang} call={call} chair={isChairOrAdmin(actor)} />,
    );
  });

  board.route('/', assignmentRoutes(deps));
  board.route('/', conflictRoutes(deps));
  board.route('/', rankingRoutes(deps));
  board.route('/', meetingRoutes(deps));
  board.route('/', boardReportRoutes(deps));
  return board;
}
