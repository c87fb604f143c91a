import { Hono } from 'hono';
import { getBoardApplication } from '../../functions/core/board/board-application.service.js';
import { getBoardCall, listBoardCalls } from '../../functions/core/decisions/board.service.js';
import { requireBoard } from '../../functions/core/reviews/access.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { boardReportRoutes } from '../awards/board-reports.routes.js';
import { callTitle } from '../calls/calls.page.js';
import { page, webCtx } from '../render.js';
import { BoardApplicationPage } from './application.page.js';
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
  // Nobody else gets as far as reading a form; each service checks its own rule again.
  board.use('*', async (c, next) => {
    requireBoard(webCtx(c).actor);
    await next();
  });

  board.get('/', async (c) => {
    const { actor, lang } = webCtx(c);
    const { open, closed } = await listBoardCalls(deps.core, actor);
    return page(c, texts[lang].board.title, <BoardHomePage lang={lang} open={open} closed={closed} />);
  });

  board.get('/calls/:callId', async (c) => {
    const { actor, lang } = webCtx(c);
    const { call, chair } = await getBoardCall(deps.core, actor, c.req.param('callId'));
    return page(c, callTitle(call, lang), <BoardCallPage lang={lang} call={call} chair={chair} />);
  });

  // The board's view of an application; a conflicted member is answered 403 with the recusal (the error page).
  board.get('/applications/:applicationId', async (c) => {
    const { actor, lang } = webCtx(c);
    const view = await getBoardApplication(deps.core, actor, c.req.param('applicationId'));
    return page(
      c,
      view.application.title || texts[lang].mine.untitled,
      <BoardApplicationPage lang={lang} view={view} />,
    );
  });

  board.route('/', assignmentRoutes(deps));
  board.route('/', conflictRoutes(deps));
  board.route('/', rankingRoutes(deps));
  board.route('/', meetingRoutes(deps));
  board.route('/', boardReportRoutes(deps));
  return board;
}
