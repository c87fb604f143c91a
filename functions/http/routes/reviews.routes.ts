import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  decisionInputSchema,
  meetingInputSchema,
  meetingSchema,
} from '../../core/decisions/decision.schema.js';
import {
  decideApplication,
  getMeeting,
  listMeetings,
  recordMeeting,
} from '../../core/decisions/decision.service.js';
import {
  assignReviewers,
  confirmCallAssignment,
  listReviewers,
  reopenReview,
  suggestCallAssignment,
  unassignReviewer,
} from '../../core/reviews/assignment.service.js';
import {
  declareConflict,
  getCallConflicts,
  listCallConflicts,
  ruleFoundConflictAway,
  ruleOnConflict,
} from '../../core/reviews/conflict.service.js';
import { getRanking } from '../../core/reviews/ranking.js';
import {
  assignmentSchema,
  assignReviewersSchema,
  declareConflictSchema,
  foundConflictRulingSchema,
  foundConflictSchema,
  reviewInputSchema,
  ruleConflictSchema,
  ruleFoundConflictSchema,
} from '../../core/reviews/review.schema.js';
import {
  getMyReview,
  listApplicationReviews,
  listMyAssignments,
  saveReview,
  submitReview,
} from '../../core/reviews/review.service.js';
import type { AppDeps } from '../context.js';
import { ctx, etag, ifMatchVersion, requireIfMatch, requireUser, withETag } from '../context.js';
import { csvHeaders, REVIEW_EXPORTS } from '../review-exports.js';
import {
  bearer,
  createApiRouter,
  json,
  jsonBody,
  named,
  problems,
  uuidParam,
  versionHeaders,
} from './api-common.js';

const assignment = named(
  assignmentSchema,
  'Assignment',
  'A reviewer on an application: assignment, conflict and review',
);
const meeting = named(meetingSchema, 'Meeting', 'A board meeting and the decisions it made (the minutes)');
const appParam = uuidParam('applicationId');
const callParam = uuidParam('callId');
const reviewerParam = appParam.extend({
  reviewerId: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'reviewerId', in: 'path' } }),
});
const foundConflict = named(
  foundConflictSchema,
  'FoundConflict',
  'A conflict the registry finds between a reviewer or board member and an application, and its ruling',
);
const foundRuling = named(
  foundConflictRulingSchema,
  'FoundConflictRuling',
  "The chair's ruling that a found conflict is none, with its reason",
);
const personParam = appParam.extend({
  userId: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'userId', in: 'path' } }),
});
const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });
const queuePage = z.object({
  items: z.array(assignment),
  cursor: z
    .string()
    .optional()
    .describe('Send it back for the next page of finished ones; absent on the last'),
});
const rankingSchema = z.object({}).passthrough().openapi('Ranking');

export function reviewRoutes(deps: AppDeps) {
  const app = createApiRouter();
  const p = <K extends string>(c: { req: { valid(t: 'param'): Record<string, unknown> } }, key: K) =>
    c.req.valid('param')[key] as string;

  // Chair and admins: reviewers, assignments, suggestions.
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listReviewers',
      path: '/reviewers',
      summary: 'People with the reviewer role (chair, admins)',
      security: bearer,
      responses: {
        200: json(
          items(
            z.object({
              userId: z.string(),
              name: z.string(),
              email: z.string(),
              organisation: z.string().optional(),
            }),
          ),
          'Reviewers',
        ),
        ...problems(401, 403),
      },
    }),
    async (c) =>
      c.json(
        {
          items: (await listReviewers(deps.core, ctx(c))).map(({ userId, name, email, organisation }) => ({
            userId,
            name,
            email,
            ...(organisation ? { organisation } : {}),
          })),
        },
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listApplicationAssignments',
      path: '/applications/{applicationId}/assignments',
      summary: 'Reviewers on an application (chair, admins, board)',
      security: bearer,
      request: { params: appParam },
      responses: {
        200: json(items(assignment), 'Assignments with their reviews'),
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) =>
      c.json({ items: await listApplicationReviews(deps.core, requireUser(c), p(c, 'applicationId')) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'assignReviewers',
      path: '/applications/{applicationId}/assignments',
      summary: 'Assign reviewers by hand (chair, admins); 422 on a conflict',
      security: bearer,
      request: { params: appParam, body: jsonBody(assignReviewersSchema) },
      responses: {
        200: json(items(assignment), 'Assignments now'),
        ...problems(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) =>
      c.json(
        {
          items: await assignReviewers(
            deps.core,
            ctx(c),
            p(c, 'applicationId'),
            c.req.valid('json').reviewerIds,
          ),
        },
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      operationId: 'unassignReviewer',
      path: '/applications/{applicationId}/assignments/{reviewerId}',
      summary: 'Take a reviewer off (chair, admins)',
      security: bearer,
      request: { params: reviewerParam },
      responses: { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      await unassignReviewer(deps.core, ctx(c), p(c, 'applicationId'), p(c, 'reviewerId'));
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'suggestCallAssignment',
      path: '/calls/{callId}/assignment-suggestion',
      summary: 'A suggested assignment for the whole call (nothing stored)',
      security: bearer,
      request: { params: callParam },
      responses: {
        200: json(
          items(
            z.object({
              applicationId: z.string(),
              title: z.string(),
              reference: z.string().optional(),
              assigned: z.array(z.string()),
              suggested: z.array(z.string()),
            }),
          ),
          'Suggestion',
        ),
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => c.json({ items: await suggestCallAssignment(deps.core, ctx(c), p(c, 'callId')) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'confirmCallAssignment',
      path: '/calls/{callId}/assignments',
      summary: 'Confirm an assignment for several applications (chair, admins)',
      security: bearer,
      request: {
        params: callParam,
        body: jsonBody(
          z.strictObject({
            assignments: z
              .array(
                z.strictObject({
                  applicationId: z.uuid(),
                  reviewerIds: z.array(z.string().min(1).max(128)).max(20),
                }),
              )
              .min(1)
              .max(500),
          }),
        ),
      },
      responses: {
        200: json(z.object({ created: z.int() }), 'How many assignments were made'),
        ...problems(400, 401, 403, 404, 422),
      },
    }),
    async (c) =>
      c.json(
        {
          created: await confirmCallAssignment(
            deps.core,
            ctx(c),
            p(c, 'callId'),
            c.req.valid('json').assignments,
          ),
        },
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listCallConflicts',
      path: '/calls/{callId}/conflicts',
      summary: 'Declared conflicts under a call, unruled first (chair, admins)',
      security: bearer,
      request: { params: callParam },
      responses: { 200: json(items(assignment), 'Declarations'), ...problems(400, 401, 403) },
    }),
    async (c) => c.json({ items: await listCallConflicts(deps.core, ctx(c), p(c, 'callId')) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'ruleOnConflict',
      path: '/applications/{applicationId}/assignments/{reviewerId}/conflict-ruling',
      summary: 'Rule on a declared conflict: recused or not (chair, admins)',
      security: bearer,
      request: { params: reviewerParam, body: jsonBody(ruleConflictSchema) },
      responses: { 200: json(assignment, 'The ruling recorded'), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await ruleOnConflict(
          deps.core,
          ctx(c),
          p(c, 'applicationId'),
          p(c, 'reviewerId'),
          c.req.valid('json'),
        ),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listFoundConflicts',
      path: '/calls/{callId}/found-conflicts',
      summary:
        "Conflicts the registry finds between the call's applications and their reviewers and the board, with rulings (chair, admins)",
      security: bearer,
      request: { params: callParam },
      responses: { 200: json(items(foundConflict), 'Found conflicts'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json({ items: (await getCallConflicts(deps.core, ctx(c), p(c, 'callId'))).found }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'ruleFoundConflictAway',
      path: '/applications/{applicationId}/found-conflicts/{userId}/ruling',
      summary: 'Rule a found conflict away with a written reason (chair, admins); recorded and audited',
      security: bearer,
      request: { params: personParam, body: jsonBody(ruleFoundConflictSchema) },
      responses: { 201: json(foundRuling, 'The ruling recorded'), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        await ruleFoundConflictAway(
          deps.core,
          ctx(c),
          p(c, 'applicationId'),
          p(c, 'userId'),
          c.req.valid('json').reason,
        ),
        201,
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'reopenReview',
      path: '/applications/{applicationId}/assignments/{reviewerId}/reopen',
      summary: 'Reopen a submitted review (chair, admins)',
      security: bearer,
      request: { params: reviewerParam },
      responses: { 200: json(assignment, 'Reopened'), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(await reopenReview(deps.core, ctx(c), p(c, 'applicationId'), p(c, 'reviewerId')), 200),
  );

  // The reviewer's own work.
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listMyAssignments',
      path: '/reviews',
      summary: 'Your review queue',
      description:
        'Every open assignment (still to review) on the first page, then a page of the finished ones (submitted, or recused), newest first; the cursor gives the next page of finished ones.',
      security: bearer,
      request: { query: z.object({ cursor: z.string().max(500).optional() }) },
      responses: { 200: json(queuePage, 'Your assignments'), ...problems(400, 401) },
    }),
    async (c) => {
      const { cursor } = c.req.valid('query');
      return c.json(await listMyAssignments(deps.core, requireUser(c), cursor ? { cursor } : {}), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getMyReview',
      path: '/applications/{applicationId}/review',
      summary: 'Your review with the application beside it (title only while conflicted)',
      security: bearer,
      request: { params: appParam },
      responses: {
        200: json(
          z.object({ assignment, application: z.object({}).passthrough().optional() }),
          'Your review',
        ),
        ...problems(400, 401, 404),
      },
    }),
    async (c) => {
      const view = await getMyReview(deps.core, requireUser(c), p(c, 'applicationId'));
      c.header('ETag', etag(view.assignment.version));
      return c.json(
        { assignment: view.assignment, ...(view.application ? { application: view.application } : {}) },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      operationId: 'saveReview',
      path: '/applications/{applicationId}/review',
      summary: 'Save your review draft; send If-Match',
      security: bearer,
      request: { params: appParam, headers: versionHeaders, body: jsonBody(reviewInputSchema) },
      responses: { 200: json(assignment, 'Saved'), ...problems(400, 401, 404, 409, 422, 428) },
    }),
    async (c) => {
      const version = requireIfMatch(c);
      const saved = await saveReview(deps.core, ctx(c), p(c, 'applicationId'), c.req.valid('json'), version);
      return c.json(withETag(c, saved), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'submitReview',
      path: '/applications/{applicationId}/review/submit',
      summary: 'Submit your review; 422 lists what is missing',
      security: bearer,
      request: { params: appParam, headers: versionHeaders },
      responses: { 200: json(assignment, 'Submitted'), ...problems(400, 401, 404, 409, 422) },
    }),
    async (c) =>
      c.json(
        withETag(c, await submitReview(deps.core, ctx(c), p(c, 'applicationId'), ifMatchVersion(c))),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'declareConflict',
      path: '/applications/{applicationId}/review/conflict',
      summary: 'Declare a conflict of interest on your assignment',
      security: bearer,
      request: { params: appParam, body: jsonBody(declareConflictSchema) },
      responses: { 200: json(assignment, 'Declared'), ...problems(400, 401, 404, 409) },
    }),
    async (c) =>
      c.json(
        await declareConflict(deps.core, ctx(c), p(c, 'applicationId'), c.req.valid('json').reason),
        200,
      ),
  );

  // The board: ranking, decisions, minutes, exports.
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getRanking',
      path: '/calls/{callId}/ranking',
      summary: 'The call’s applications by score, with spread, flags and the running total (board, admins)',
      security: bearer,
      request: { params: callParam },
      responses: { 200: json(rankingSchema, 'Ranking'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getRanking(deps.core, requireUser(c), p(c, 'callId')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'recordMeeting',
      path: '/calls/{callId}/meetings',
      summary:
        'Record a board meeting’s decisions at once; 422 with the figures if the budget would be exceeded',
      security: bearer,
      request: { params: callParam, body: jsonBody(meetingInputSchema) },
      responses: { 201: json(meeting, 'The minutes'), ...problems(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await recordMeeting(deps.core, ctx(c), p(c, 'callId'), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listMeetings',
      path: '/calls/{callId}/meetings',
      summary: 'The minutes of a call’s meetings (board, admins)',
      security: bearer,
      request: { params: callParam },
      responses: { 200: json(items(meeting), 'Meetings'), ...problems(400, 401, 403) },
    }),
    async (c) => c.json({ items: await listMeetings(deps.core, requireUser(c), p(c, 'callId')) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getMeeting',
      path: '/meetings/{meetingId}',
      summary: 'One meeting’s minutes (board, admins)',
      security: bearer,
      request: { params: uuidParam('meetingId') },
      responses: { 200: json(meeting, 'Minutes'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getMeeting(deps.core, requireUser(c), p(c, 'meetingId')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'decideApplication',
      path: '/applications/{applicationId}/decision',
      summary: 'Decide one application (a meeting of one)',
      security: bearer,
      request: { params: appParam, body: jsonBody(decisionInputSchema.omit({ applicationId: true })) },
      responses: { 201: json(meeting, 'The decision as minutes'), ...problems(400, 401, 403, 404, 409, 422) },
    }),
    async (c) =>
      c.json(await decideApplication(deps.core, ctx(c), p(c, 'applicationId'), c.req.valid('json')), 201),
  );
  for (const [name, run] of [
    ['scores', REVIEW_EXPORTS.scores],
    ['decisions', REVIEW_EXPORTS.decisions],
  ] as const) {
    app.openapi(
      createRoute({
        method: 'get',
        operationId: name === 'scores' ? 'exportScoresCsv' : 'exportDecisionsCsv',
        path: `/calls/{callId}/exports/${name}.csv`,
        summary: `CSV of the call’s ${name} for Danish Excel (board, admins)`,
        security: bearer,
        request: { params: callParam },
        responses: {
          200: {
            description: 'CSV (UTF-8 with BOM, semicolons)',
            content: { 'text/csv': { schema: z.string() } },
          },
          ...problems(400, 401, 403, 404),
        },
      }),
      async (c) =>
        c.body(
          await run(deps.core, requireUser(c), p(c, 'callId'), c.get('lang')),
          200,
          csvHeaders(name, p(c, 'callId')),
        ),
    );
  }
  return app;
}
