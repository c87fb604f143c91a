import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

describe('GET /api/openapi.json', () => {
  it('documents every route of the API, generated from the zod schemas', async () => {
    const res = await h.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown[] }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        'GET /health',
        'POST /auth/dev-login',
        'GET /me',
        'GET /calls',
        'POST /calls',
        'GET /calls/{callId}',
        'PATCH /calls/{callId}',
        'POST /calls/{callId}/open',
        'POST /calls/{callId}/close',
        'POST /calls/{callId}/applications',
        'GET /applications',
        'GET /applications/{applicationId}',
        'PATCH /applications/{applicationId}',
        'POST /applications/{applicationId}/submit',
        'POST /applications/{applicationId}/withdraw',
        'GET /applications/{applicationId}/receipt',
        'GET /reviewers',
        'GET /reviews',
        'GET /applications/{applicationId}/assignments',
        'POST /applications/{applicationId}/assignments',
        'DELETE /applications/{applicationId}/assignments/{reviewerId}',
        'POST /applications/{applicationId}/assignments/{reviewerId}/conflict-ruling',
        'POST /applications/{applicationId}/assignments/{reviewerId}/reopen',
        'GET /calls/{callId}/assignment-suggestion',
        'POST /calls/{callId}/assignments',
        'GET /calls/{callId}/conflicts',
        'GET /applications/{applicationId}/review',
        'PUT /applications/{applicationId}/review',
        'POST /applications/{applicationId}/review/submit',
        'POST /applications/{applicationId}/review/conflict',
        'GET /calls/{callId}/ranking',
        'POST /calls/{callId}/meetings',
        'GET /calls/{callId}/meetings',
        'GET /meetings/{meetingId}',
        'POST /applications/{applicationId}/decision',
        'GET /calls/{callId}/exports/scores.csv',
        'GET /calls/{callId}/exports/decisions.csv',
        'GET /parties',
        'GET /populations',
        'POST /populations/imports/preview',
        'POST /populations/imports',
        'GET /finance/years/{year}',
        'PUT /finance/years/{year}',
        'POST /finance/years/{year}/contributions/run',
        'POST /finance/years/{year}/contributions/send',
        'GET /finance/years/{year}/contributions/{partyId}',
        'POST /finance/years/{year}/contributions/{partyId}/payments',
        'POST /finance/years/{year}/contributions/{partyId}/adjustments',
        'GET /finance/years/{year}/overview',
        'GET /finance/years/{year}/ledger',
        'GET /finance/balances',
        'POST /finance/invariants/check',
        'POST /applications/{applicationId}/award/accept',
        'GET /awards',
        'GET /awards/{applicationId}',
        'POST /awards/{applicationId}/disbursements',
        'POST /awards/{applicationId}/refunds',
        'POST /awards/{applicationId}/close',
        'GET /awards/{applicationId}/reports',
        'POST /awards/{applicationId}/reports/{reportId}/submit',
        'POST /awards/{applicationId}/reports/{reportId}/approve',
        'POST /awards/{applicationId}/reports/{reportId}/return',
      ].sort(),
    );
    // The contract's field names, straight from the schemas the routes validate with.
    const input = doc.components.schemas.CallInput;
    expect(Object.keys(input?.properties ?? {})).toEqual(
      expect.arrayContaining([
        'grantTypes',
        'budgetOre',
        'opensAt',
        'closesAt',
        'focusAreas',
        'criteria',
        'minSectors',
        'reviewersPerApplication',
      ]),
    );
    expect(Object.keys(doc.components.schemas.ApplicationDraft?.properties ?? {})).toEqual(
      expect.arrayContaining([
        'grantTypeId',
        'partners',
        'budgetLines',
        'startDate',
        'endDate',
        'userInvolvement',
      ]),
    );
    expect(doc.components.schemas.Problem?.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status']),
    );
    expect(doc.paths['/calls/{callId}/applications']?.post?.security).toEqual([{ bearer: [] }]);
  });
});
