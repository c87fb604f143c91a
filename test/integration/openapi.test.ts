import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_API_ROUTES } from '../../functions/http/public-routes.js';
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
      paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, ...op })),
    );
    // Every route, each with its operationId: stable, because generated clients name their methods by it.
    expect(Object.fromEntries(operations.map((op) => [op.route, op.operationId]))).toEqual({
      'GET /health': 'getHealth',
      'GET /health/ready': 'getReadiness',
      'POST /auth/dev-login': 'signInDemoUser',
      'GET /me': 'getCurrentUser',
      'GET /calls': 'listCalls',
      'POST /calls': 'createCall',
      'GET /calls/{callId}': 'getCall',
      'PATCH /calls/{callId}': 'updateCall',
      'POST /calls/{callId}/open': 'openCall',
      'POST /calls/{callId}/close': 'closeCall',
      'POST /calls/{callId}/applications': 'createApplicationDraft',
      'GET /applications': 'listApplications',
      'GET /applications/{applicationId}': 'getApplication',
      'PATCH /applications/{applicationId}': 'updateApplicationDraft',
      'POST /applications/{applicationId}/submit': 'submitApplication',
      'POST /applications/{applicationId}/withdraw': 'withdrawApplication',
      'GET /applications/{applicationId}/receipt': 'getApplicationReceipt',
      'GET /reviewers': 'listReviewers',
      'GET /reviews': 'listMyAssignments',
      'GET /applications/{applicationId}/assignments': 'listApplicationAssignments',
      'POST /applications/{applicationId}/assignments': 'assignReviewers',
      'DELETE /applications/{applicationId}/assignments/{reviewerId}': 'unassignReviewer',
      'POST /applications/{applicationId}/assignments/{reviewerId}/conflict-ruling': 'ruleOnConflict',
      'POST /applications/{applicationId}/assignments/{reviewerId}/reopen': 'reopenReview',
      'GET /calls/{callId}/assignment-suggestion': 'suggestCallAssignment',
      'POST /calls/{callId}/assignments': 'confirmCallAssignment',
      'GET /calls/{callId}/conflicts': 'listCallConflicts',
      'GET /applications/{applicationId}/review': 'getMyReview',
      'PUT /applications/{applicationId}/review': 'saveReview',
      'POST /applications/{applicationId}/review/submit': 'submitReview',
      'POST /applications/{applicationId}/review/conflict': 'declareConflict',
      'GET /calls/{callId}/ranking': 'getRanking',
      'POST /calls/{callId}/meetings': 'recordMeeting',
      'GET /calls/{callId}/meetings': 'listMeetings',
      'GET /meetings/{meetingId}': 'getMeeting',
      'GET /meetings/{meetingId}/minutes': 'getMinutes',
      'POST /meetings/{meetingId}/minutes/approve': 'approveMinutes',
      'POST /meetings/{meetingId}/minutes/corrections': 'correctMinutes',
      'GET /meetings/{meetingId}/minutes.pdf': 'getMinutesPdf',
      'GET /meetings/{meetingId}/pack': 'getMeetingPack',
      'GET /admin/applications': 'listAdminApplications',
      'POST /calls/{callId}/reopen': 'reopenCall',
      'POST /applications/{applicationId}/decision': 'decideApplication',
      'GET /calls/{callId}/exports/scores.csv': 'exportScoresCsv',
      'GET /calls/{callId}/exports/decisions.csv': 'exportDecisionsCsv',
      'GET /parties': 'listParties',
      'GET /finance/parties': 'listPartyDetails',
      'GET /finance/parties/{partyId}': 'getPartyDetails',
      'PATCH /finance/parties/{partyId}': 'updatePartyDetails',
      'GET /me/profile': 'getProfile',
      'PATCH /me/profile': 'updateProfile',
      'DELETE /me/profile/organisation': 'clearProfileOrganisation',
      'GET /populations': 'listPopulations',
      'POST /populations/imports/preview': 'previewPopulationImport',
      'POST /populations/imports': 'applyPopulationImport',
      'GET /finance/years/{year}': 'getFinanceYear',
      'PUT /finance/years/{year}': 'saveFinanceYear',
      'POST /finance/years/{year}/contributions/run': 'runContributions',
      'POST /finance/years/{year}/contributions/send': 'sendContributions',
      'GET /finance/years/{year}/contributions/{partyId}': 'getContribution',
      'POST /finance/years/{year}/contributions/{partyId}/payments': 'recordPayment',
      'POST /finance/years/{year}/contributions/{partyId}/adjustments': 'recordAdjustment',
      'GET /finance/years/{year}/overview': 'getFinanceOverview',
      'GET /finance/years/{year}/ledger': 'listLedgerEntries',
      'GET /finance/balances': 'getBalances',
      'POST /finance/invariants/check': 'checkInvariants',
      'POST /applications/{applicationId}/award/accept': 'acceptAward',
      'GET /awards': 'listAwards',
      'GET /awards/{applicationId}': 'getAward',
      'POST /awards/{applicationId}/disbursements': 'recordDisbursement',
      'POST /awards/{applicationId}/refunds': 'recordRefund',
      'POST /awards/{applicationId}/close': 'closeAward',
      'GET /awards/{applicationId}/reports': 'listReports',
      'POST /awards/{applicationId}/reports/{reportId}/submit': 'submitReport',
      'POST /awards/{applicationId}/reports/{reportId}/approve': 'approveReport',
      'POST /awards/{applicationId}/reports/{reportId}/return': 'returnReport',
      'GET /me/messages': 'listMyMessages',
      'GET /me/messages/{messageId}': 'getMessage',
      'GET /admin/messages': 'listMessages',
      'POST /admin/messages/{messageId}/resend': 'resendMessage',
      'POST /applications/{applicationId}/members': 'inviteMember',
      'GET /applications/{applicationId}/members': 'listMembers',
      'DELETE /applications/{applicationId}/members/{memberId}': 'removeMember',
      'POST /applications/{applicationId}/owner': 'handOverApplication',
      'GET /me/invitations': 'listMyInvitations',
      'POST /invitations/{invitationId}/accept': 'acceptInvitation',
      'GET /applications/{applicationId}/pdf': 'getApplicationPdf',
      'DELETE /admin/users/{userId}/sessions': 'endUserSessions',
      'GET /board/applications/{applicationId}': 'getBoardApplication',
      'GET /organisations': 'searchOrganisations',
      'POST /organisations': 'createOrganisation',
      'GET /organisations/{organisationId}': 'getOrganisation',
      'PATCH /organisations/{organisationId}': 'updateOrganisation',
      'GET /calls/{callId}/found-conflicts': 'listFoundConflicts',
      'GET /admin/organisations': 'listOrganisations',
      'GET /admin/organisation-flags': 'listOrganisationFlags',
      'POST /admin/organisation-flags/place': 'placeOrganisationFlag',
      'POST /applications/{applicationId}/found-conflicts/{userId}/ruling': 'ruleFoundConflictAway',
      'POST /applications/{applicationId}/documents': 'requestDocumentUpload',
      'POST /applications/{applicationId}/documents/{documentId}/complete': 'completeDocumentUpload',
      'GET /applications/{applicationId}/documents': 'listDocuments',
      'DELETE /applications/{applicationId}/documents/{documentId}': 'deleteDocument',
      'GET /documents/{documentId}/download': 'downloadDocument',
      'GET /cases/{kind}/{id}/events': 'listCaseEvents',
      'POST /me/erasure': 'requestErasure',
      'GET /admin/erasures': 'listErasures',
      'POST /admin/retention/dry-run': 'dryRunRetention',
      'POST /cases/application/{applicationId}/export': 'requestCaseExport',
      'POST /me/data-export': 'requestPersonalDataExport',
      'GET /exports/{exportId}': 'getExport',
    });
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

describe('each operation’s contract', () => {
  type Operation = {
    security?: unknown[];
    parameters?: unknown[];
    requestBody?: unknown;
    responses: Record<string, unknown>;
  };
  const operationsOf = async () => {
    const doc = (await (await h.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    return Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, ...op })),
    );
  };

  it('asks for a token exactly where PUBLIC_API_ROUTES does not say "anyone"', async () => {
    const operations = await operationsOf();
    // Public, but a token widens the answer (admins see draft calls), so clients should send one if they have it.
    const tokenOptional = ['GET /calls', 'GET /calls/{callId}'];
    const publicRoutes = [
      ...PUBLIC_API_ROUTES.filter((r) => r.path !== '/api/openapi.json'),
      { method: 'POST', path: '/api/auth/dev-login' }, // local mode only
    ].map((r) => `${r.method} ${r.path.replace(/^\/api/, '')}`);

    const security = Object.fromEntries(operations.map((op) => [`${op.method} ${op.path}`, op.security]));
    expect(Object.keys(security)).toEqual(expect.arrayContaining(publicRoutes));
    for (const [route, declared] of Object.entries(security)) {
      const expected = tokenOptional.includes(route)
        ? [{}, { bearer: [] }]
        : publicRoutes.includes(route)
          ? []
          : [{ bearer: [] }];
      expect(declared, route).toEqual(expected);
    }
  });

  it('lists the problems every operation of its shape can answer', async () => {
    for (const op of await operationsOf()) {
      const route = `${op.method} ${op.path}`;
      const statuses = Object.keys(op.responses);
      expect(statuses, route).toEqual(expect.arrayContaining(['401', '429', '500', '503']));
      if (op.parameters?.length || op.requestBody) expect(statuses, route).toContain('400');
      if (op.requestBody) expect(statuses, route).toEqual(expect.arrayContaining(['413', '415']));
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        expect(op.responses[status], `${route} ${status}`).toEqual({
          $ref: expect.stringMatching(/^#\/components\/responses\/[A-Za-z]+$/),
        });
      }
    }
  });

  it('answers a public operation’s documented 401 when a token sent is not valid', async () => {
    const res = await h.app.request('/api/health', { headers: { authorization: 'Bearer not-a-token' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
