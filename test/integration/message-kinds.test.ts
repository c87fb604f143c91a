import { beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../functions/core/audit/audit.js';
import { composeMail } from '../../functions/texts/index.js';
import { type Api, expectOk } from '../support/api.js';
import {
  ADMIN,
  acceptedAward,
  applicationsIn,
  CHAIR,
  createCall,
  createDraft,
  FINANCE,
  RESEARCHER,
  REVIEWER,
  setUpYear,
} from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { auditEvents, itemsWithPkPrefix } from '../support/table.js';

/*
 * Each cause writes its message in its own transaction, against DynamoDB Local: a withdrawal, a decision (with
 * what it rests on), a tranche and a refund, a reviewer's assignment and removal, the chair's ruling on a
 * declared conflict. Each message names its recipient, its case and the page it concerns.
 */

let h: Harness;
let client: Api;
type Stored = OutboxMessage & Record<string, unknown>;

/** The messages of a kind about one case, from the whole outbox (whatever their sending state). */
const messagesOf = async (kind: string, caseId?: string) =>
  ((await itemsWithPkPrefix(h, 'OUTBOX#')) as unknown as Stored[]).filter(
    (m) => m.kind === kind && (caseId === undefined || m.case.id === caseId),
  );

const words = (m: Stored) => {
  const mail = composeMail(m);
  return { subject: mail.subject, body: mail.body.replaceAll('\u00a0', ' ') };
};

beforeAll(async () => {
  ({ h, client } = await harnessWithApi({ now: '2027-03-01T09:00:00Z' }));
});

describe('to the applicant', () => {
  it('confirms a withdrawal, with the audit event of the same transaction', async () => {
    const [id] = await applicationsIn(client, [{ status: 'submitted', title: 'Røgfri unge' }]);
    expectOk(await client.act(`/api/applications/${id}/withdraw`, RESEARCHER));
    const [message] = await messagesOf('application.withdrawn', id);
    expect(message).toMatchObject({
      to: RESEARCHER,
      case: { kind: 'application', id },
      link: `/applications/${id}`,
      params: { title: 'Røgfri unge', reference: expect.stringMatching(/^FIM-2027-/) },
    });
    const { subject, body } = words(message as Stored);
    expect(subject).toMatch(
      /^Ansøgning FIM-2027-\d+ er trukket tilbage \/ Application FIM-2027-\d+ is withdrawn$/,
    );
    expect(body).toContain('Du har trukket ansøgningen "Røgfri unge"');
    expect(body).toContain('You withdrew the application "Røgfri unge"');
    expect((await auditEvents(h, `APP#${id}`)).map((e) => e.action)).toContain('application.withdrawn');
  });

  it('confirms the withdrawal of a draft, which has no reference', async () => {
    const call = await createCall(client);
    const draft = (await createDraft(client, call.id, RESEARCHER)).id;
    expectOk(await client.act(`/api/applications/${draft}/withdraw`, RESEARCHER));
    const [message] = await messagesOf('application.withdrawn', draft);
    expect(words(message as Stored).subject).toBe('Din kladde er trukket tilbage / Your draft is withdrawn');
  });

  it('states in the decision letter what the decision rests on', async () => {
    const [id] = await applicationsIn(client, [{ status: 'rejected' }]);
    const [letter] = await messagesOf('application.decision', id);
    expect(letter?.params).toMatchObject({
      outcome: 'rejected',
      reviewsSubmitted: 0,
      decidedOn: '2027-03-01',
      meetingHeldOn: '2027-03-01',
    });
    const { body } = words(letter as Stored);
    expect(body).toContain(
      'Afgørelsen er truffet af bestyrelsen for Folkesundhed i Midten den 1. marts 2027. Den hviler på ansøgningen, 0 faglige bedømmelser efter opslagets kriterier og opslagets budget.',
    );
    expect(body).toContain('Begrundelsen gives efter forvaltningslovens §§ 22-24.');
    expect(body).toMatch(/Mødet: Bestyrelsesmøde 1\. marts 2027: \S/);
    expect(body).toContain("It rests on the application, 0 expert reviews against the call's criteria");
  });

  it('tells the project lead of each tranche paid and each refund booked', async () => {
    await setUpYear(client, 2027);
    expectOk(
      await client.post(
        '/api/finance/years/2027/contributions/aarhus-kommune/payments',
        { amountOre: 31_909_400, paidOn: '2027-02-01', reference: 'Bank' },
        FINANCE,
        { 'idempotency-key': 'aarhus-2027' },
      ),
      201,
    );
    const id = await acceptedAward(client, { amountOre: 1_000_000, title: 'Ældre i eget hjem' });
    const money = { amountOre: 400_000, paidOn: '2027-02-20', reference: 'Rate 1' };
    expectOk(
      await client.post(`/api/awards/${id}/disbursements`, money, FINANCE, { 'idempotency-key': 'rate-1' }),
      201,
    );
    expectOk(await client.post(`/api/awards/${id}/refunds`, { ...money, amountOre: 50_000 }, FINANCE), 201);
    const [tranche] = await messagesOf('award.tranche_paid', id);
    expect(tranche).toMatchObject({
      to: RESEARCHER,
      case: { kind: 'award', id },
      link: `/awards/${id}`,
      params: { amountOre: 400_000, disbursedOre: 400_000, awardOre: 1_000_000, paidOn: '2027-02-20' },
    });
    expect(words(tranche as Stored).body).toContain('Udbetalt i alt: 4.000,00 kr. af 10.000,00 kr.');
    const [refund] = await messagesOf('award.refund_booked', id);
    expect(refund?.params).toMatchObject({ amountOre: 50_000, refundedOre: 50_000 });
    expect(words(refund as Stored).body).toContain('Refunded in all: DKK 500.00.');
  });
});

describe('to the reviewer', () => {
  let id: string;
  const reviewerId = 'demo-reviewer1';

  beforeAll(async () => {
    [id] = (await applicationsIn(client, [{ status: 'in_review', title: 'Nær psykiatri' }])) as [string];
  });

  it('tells a reviewer of the assignment, and of the removal', async () => {
    expectOk(await client.post(`/api/applications/${id}/assignments`, { reviewerIds: [reviewerId] }, CHAIR));
    const [assigned] = await messagesOf('review.assigned', id);
    expect(assigned).toMatchObject({
      to: REVIEWER,
      case: { kind: 'application', id },
      link: `/reviews/${id}`,
      params: { reviewerName: 'Rikke Laursen', title: 'Nær psykiatri' },
    });
    expect(words(assigned as Stored).body).toContain(
      'Du er udpeget som bedømmer af ansøgningen "Nær psykiatri"',
    );
    expectOk(await client.send('DELETE', `/api/applications/${id}/assignments/${reviewerId}`, CHAIR), 204);
    const [removed] = await messagesOf('review.unassigned', id);
    expect(removed?.to).toBe(REVIEWER);
    expect(words(removed as Stored).subject).toMatch(
      /^Bedømmelse annulleret: FIM-2027-\d+ \/ Review cancelled/,
    );
  });

  it('sends the chair’s ruling to the reviewer who declared the conflict', async () => {
    expectOk(await client.post(`/api/applications/${id}/assignments`, { reviewerIds: [reviewerId] }, CHAIR));
    expectOk(
      await client.post(`/api/applications/${id}/review/conflict`, { reason: 'Min søster' }, REVIEWER),
    );
    expectOk(
      await client.post(
        `/api/applications/${id}/assignments/${reviewerId}/conflict-ruling`,
        { recused: true, note: 'Nærtstående' },
        ADMIN,
      ),
    );
    const [ruling] = await messagesOf('conflict.ruled', id);
    expect(ruling).toMatchObject({ to: REVIEWER, params: { recused: true, note: 'Nærtstående' } });
    const { body } = words(ruling as Stored);
    expect(body).toContain('Du er inhabil og deltager ikke i bedømmelsen af ansøgningen.');
    expect(body).toContain('You are disqualified and take no part in the review of the application.');
  });
});
