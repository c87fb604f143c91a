import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  AWARD_TERMS,
  awardAcceptInputSchema,
  awardMovementInputSchema,
  awardViewSchema,
} from '../../core/finance/award.schema.js';
import {
  acceptAward,
  closeAward,
  getAward,
  listAwards,
  recordDisbursement,
  recordRefund,
} from '../../core/finance/award.service.js';
import type { AppDeps } from '../context.js';
import { ctx, requireUser } from '../context.js';
import { answerBookedOnce, bookedOnceResponses, idempotencyKeyHeaders } from '../idempotency-key.js';
import { bearer, createApiRouter, json, jsonBody, named, problems, uuidParam } from './api-common.js';
import { ledgerEntry } from './finance.routes.js';

const award = named(
  awardViewSchema,
  'Award',
  'An approved application whose terms are accepted, committed against the pool of its year; øre',
);
const acceptInput = named(
  awardAcceptInputSchema,
  'AwardAcceptInput',
  `The applicant’s declaration; termsVersion is the version of the terms shown (now "${AWARD_TERMS.version}")`,
);
const movementInput = named(
  awardMovementInputSchema,
  'AwardMovementInput',
  'A tranche paid out or money paid back, in øre, with the bank date and a reference',
);
const appParam = uuidParam('applicationId');

export function awardRoutes(deps: AppDeps) {
  const app = createApiRouter();

  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'acceptAward',
      path: '/applications/{applicationId}/award/accept',
      summary:
        'The owner accepts an approved application’s terms: commits the amount against the year’s pool (422 with the figures if it does not fit; 409 if not approved or accepted already)',
      security: bearer,
      request: { params: appParam, body: jsonBody(acceptInput) },
      responses: { 201: json(award, 'Committed'), ...problems(400, 401, 404, 409, 422) },
    }),
    async (c) =>
      c.json(
        await acceptAward(deps.core, ctx(c), c.req.valid('param').applicationId, c.req.valid('json')),
        201,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listAwards',
      path: '/awards',
      summary: 'The caller’s awards with mine=true; every award without (finance, admins)',
      security: bearer,
      request: {
        query: z.object({
          mine: z
            .enum(['true', 'false'])
            .optional()
            .openapi({ description: 'true: only the caller’s own awards' }),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(award) }), 'Awards'), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const items = await listAwards(deps.core, requireUser(c), c.req.valid('query').mine === 'true');
      return c.json({ items }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getAward',
      path: '/awards/{applicationId}',
      summary: 'An award with its ledger entries (its owner, finance, admins)',
      security: bearer,
      request: { params: appParam },
      responses: {
        200: json(z.object({ award, entries: z.array(ledgerEntry) }), 'The award'),
        ...problems(400, 401, 404),
      },
    }),
    async (c) => c.json(await getAward(deps.core, requireUser(c), c.req.valid('param').applicationId), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'recordDisbursement',
      path: '/awards/{applicationId}/disbursements',
      summary:
        'Pay out a tranche, at most what remains of the award, once per Idempotency-Key (finance, admins; 422 with the figures)',
      security: bearer,
      request: {
        params: appParam,
        headers: idempotencyKeyHeaders('tranche'),
        body: jsonBody(movementInput),
      },
      responses: {
        ...bookedOnceResponses(z.object({ disbursement: ledgerEntry, award, replayed: z.boolean() })),
        ...problems(400, 401, 403, 404, 409, 422, 428),
      },
    }),
    (c) =>
      answerBookedOnce(c, (key) =>
        recordDisbursement(deps.core, ctx(c), c.req.valid('param').applicationId, c.req.valid('json'), key),
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'recordRefund',
      path: '/awards/{applicationId}/refunds',
      summary:
        'Record unspent money paid back, at most what was paid out and not yet paid back (finance, admins)',
      security: bearer,
      request: { params: appParam, body: jsonBody(movementInput) },
      responses: {
        201: json(z.object({ refund: ledgerEntry, award }), 'Recorded'),
        ...problems(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) =>
      c.json(
        await recordRefund(deps.core, ctx(c), c.req.valid('param').applicationId, c.req.valid('json')),
        201,
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'closeAward',
      path: '/awards/{applicationId}/close',
      summary: 'Close an award: no more tranches (finance, admins; later on the final report’s approval)',
      security: bearer,
      request: { params: appParam },
      responses: { 200: json(award, 'Closed'), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await closeAward(deps.core, ctx(c), c.req.valid('param').applicationId), 200),
  );
  return app;
}
