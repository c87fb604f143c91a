import { beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../functions/core/audit/audit.js';
import { sendMessage } from '../../functions/core/messages/sender.service.js';
import { composeMail } from '../../functions/texts/index.js';
import { type Api, expectOk, expectProblem, pointers } from '../support/api.js';
import { FINANCE, pay, setUpYear } from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { acceptingMailer, recordBounce } from '../support/mail.js';
import { auditEvents, itemsWithPkPrefix } from '../support/table.js';
import { browserOf, fieldError } from '../support/web.js';

/*
 * The parties' invoicing details through the API and the pages against DynamoDB Local: validated (EAN's GS1
 * check digit, CVR's modulus 11), versioned, audited with before and after; and where they are used: the
 * demand goes to the invoicing e-mail, and each payment recorded sends the party a receipt.
 */

let h: Harness;
let client: Api;
const request = browserOf(() => h, { finance: FINANCE });
const P = '/api/finance/parties';
/** Valid numbers: a GLN with its GS1 check digit, and a CVR that passes modulus 11. */
const EAN = '5798000410008';
const CVR = '29180008';

const outbox = async (kind: string) =>
  (await itemsWithPkPrefix(h, 'OUTBOX#')).filter((m) => m.kind === kind) as unknown as (OutboxMessage &
    Record<string, unknown>)[];

beforeAll(async () => {
  ({ h, client } = await harnessWithApi({ now: '2027-03-01T09:00:00Z' }));
});

describe('invoicing details through the API', () => {
  it('saves a change at the version read, with its history of before and after', async () => {
    const first = await client.patch(
      `${P}/favrskov-kommune`,
      { invoiceEmail: 'faktura@favrskov.example.dk', ean: EAN, cvr: CVR },
      FINANCE,
      0,
    );
    expect(expectOk(first)).toMatchObject({ id: 'favrskov-kommune', ean: EAN, cvr: CVR, version: 1 });
    expect(first.headers.get('etag')).toBe('"1"');
    // A merge patch: the e-mail changes, the EAN is cleared, the CVR stays.
    const second = expectOk(
      await client.patch(
        `${P}/favrskov-kommune`,
        { invoiceEmail: 'oekonomi@favrskov.example.dk', ean: null },
        FINANCE,
        1,
      ),
    );
    expect(second).toMatchObject({ invoiceEmail: 'oekonomi@favrskov.example.dk', cvr: CVR, version: 2 });
    expect(second.ean).toBeUndefined();

    const read = await client.get(`${P}/favrskov-kommune`, FINANCE);
    const { history } = expectOk(read);
    expect(read.headers.get('etag')).toBe('"2"');
    expect(history[0]).toMatchObject({
      by: FINANCE,
      version: 2,
      changes: [
        {
          field: 'invoiceEmail',
          before: 'faktura@favrskov.example.dk',
          after: 'oekonomi@favrskov.example.dk',
        },
        { field: 'ean', before: EAN, after: null },
      ],
    });
    expect(history[1].changes).toHaveLength(3);
    const events = await auditEvents(h, 'PARTY#favrskov-kommune');
    expect(events.map((e) => e.action)).toEqual(['party.details_updated', 'party.details_updated']);
  });

  it('refuses a stale version (409) and a change without one (428)', async () => {
    expectProblem(await client.patch(`${P}/favrskov-kommune`, { cvr: null }, FINANCE, 1), 409);
    expectProblem(await client.patch(`${P}/favrskov-kommune`, { cvr: null }, FINANCE), 428);
  });

  it('names each field at fault: a wrong check digit, a wrong length, an e-mail that is none', async () => {
    const bad = expectProblem(
      await client.patch(
        `${P}/hedensted-kommune`,
        { invoiceEmail: 'no-at-sign', ean: '5798000410009', cvr: '29180009', extra: 1 },
        FINANCE,
        0,
      ),
      400,
    );
    expect(pointers(bad).sort()).toEqual(['/cvr', '/ean', '/extra', '/invoiceEmail']);
    expect(bad.errors.find((e: { pointer: string }) => e.pointer === '/ean').code).toBe('ean_check_digit');
    expect(bad.errors.find((e: { pointer: string }) => e.pointer === '/cvr').code).toBe('cvr_check_digit');
    const short = expectProblem(
      await client.patch(`${P}/hedensted-kommune`, { ean: '123' }, FINANCE, 0),
      400,
    );
    expect(pointers(short)).toEqual(['/ean']);
    expectProblem(await client.patch(`${P}/nowhere`, { ean: EAN }, FINANCE, 0), 404);
  });

  it('lists every party, the ones without an e-mail too', async () => {
    const { items } = expectOk(await client.get(P, FINANCE));
    expect(items).toHaveLength(20);
    expect(items.find((p: { id: string }) => p.id === 'favrskov-kommune').invoiceEmail).toBe(
      'oekonomi@favrskov.example.dk',
    );
    expect(items.find((p: { id: string }) => p.id === 'samsoe-kommune')).toMatchObject({ version: 0 });
  });
});

describe('where the details are used', () => {
  beforeAll(async () => {
    expectOk(
      await client.patch(`${P}/aarhus-kommune`, { invoiceEmail: 'faktura@aarhus.example.dk' }, FINANCE, 0),
    );
    await setUpYear(client, 2027);
  });

  it('sends each demand to its party’s invoicing e-mail, and none where there is none', async () => {
    const demands = await outbox('contribution.demand');
    expect(demands).toHaveLength(20);
    expect(demands.find((m) => m.case.id === 'aarhus-kommune')?.to).toBe('faktura@aarhus.example.dk');
    expect(demands.find((m) => m.case.id === 'samsoe-kommune')?.to).toBe('');
  });

  it('sends the party a receipt for each payment, in the payment’s transaction', async () => {
    await pay(client, 2027, 10_000_000, { paidOn: '2027-02-01' });
    const receipts = await outbox('contribution.payment_received');
    expect(receipts).toHaveLength(1);
    const receipt = receipts[0] as OutboxMessage & Record<string, unknown>;
    expect(receipt).toMatchObject({
      to: 'faktura@aarhus.example.dk',
      case: { kind: 'party', id: 'aarhus-kommune' },
      link: '/finance/years/2027/parties/aarhus-kommune',
      params: {
        year: 2027,
        partyName: 'Aarhus Kommune',
        amountOre: 10_000_000,
        paidOn: '2027-02-01',
        paidOre: 10_000_000,
        totalDueOre: 31_909_400,
        outstandingOre: 21_909_400,
      },
    });
    const mail = composeMail(receipt);
    const body = mail.body.replaceAll('\u00a0', ' ');
    expect(mail.subject).toBe(
      'Kvittering for indbetaling: bidrag til Folkesundhed i Midten 2027 / Receipt for payment: contribution to Folkesundhed i Midten 2027',
    );
    expect(body).toContain('Vi har modtaget 100.000,00 kr. den 1. februar 2027');
    expect(body).toContain('Udestående: 219.094,00 kr.');
    expect(body).toContain('We have received DKK 100,000.00 on 1 February 2027');
    // The audit event under the contribution and the receipt were written together.
    const payments = (await auditEvents(h, 'CONTRIB#2027#aarhus-kommune')).filter(
      (e) => e.action === 'contribution.payment_recorded',
    );
    expect(payments).toHaveLength(1);
  });

  it('writes a payment’s receipt with no address when the party has no e-mail: the payment stands', async () => {
    await pay(client, 2027, 5_000, { partyId: 'samsoe-kommune' });
    const receipt = (await outbox('contribution.payment_received')).find(
      (m) => m.case.id === 'samsoe-kommune',
    );
    expect(receipt?.to).toBe('');
  });
});

describe('the party’s finance page', () => {
  const page = '/finance/parties/horsens-kommune';

  it('shows that a party without an e-mail cannot receive its demand, and says so on the year', async () => {
    const html = (await request('finance', page)).html;
    expect(html).toContain('Ingen faktura-e-mail: parten kan ikke modtage sin opkrævning.');
    const year = (await request('finance', '/finance/years/2027')).html;
    expect(year).toContain('Disse parter har ingen faktura-e-mail og kan ikke modtage deres opkrævning:');
    expect(year).toContain('Horsens Kommune');
    expect(year).not.toMatch(/kan ikke modtage deres opkrævning:[^<]*Aarhus Kommune/);
  });

  it('shows each error beside its field and keeps what was typed', async () => {
    const res = await request('finance', page, {
      form: { invoiceEmail: 'horsens', ean: '5798 0004 1000 9', cvr: '2918 0008', _version: '0' },
    });
    expect(res.status).toBe(400);
    expect(fieldError(res.html, 'f-invoiceEmail')).toBeTruthy();
    expect(fieldError(res.html, 'f-ean')).toBe('Kontrolcifferet passer ikke: tjek EAN-nummeret');
    expect(fieldError(res.html, 'f-cvr')).toBeUndefined();
    expect(res.html).toMatch(/id="f-invoiceEmail"[^>]*value="horsens"/);
  });

  it('saves the form (spaces in numbers are fine), then shows the change in the history', async () => {
    const res = await request('finance', page, {
      form: {
        invoiceEmail: 'faktura@horsens.example.dk',
        ean: '5798 0004 1000 8',
        cvr: '2918 0008',
        _version: '0',
      },
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${page}?saved=1`);
    const html = (await request('finance', `${page}?saved=1`)).html;
    expect(html).toContain('Oplysningerne er gemt.');
    expect(html).not.toContain('Ingen faktura-e-mail');
    expect(html).toContain('<td>faktura@horsens.example.dk</td>');
    expect(html).toContain(`<td>${EAN}</td>`);
  });

  it('answers a stale form with the details as they are now', async () => {
    const res = await request('finance', page, {
      form: { invoiceEmail: 'x@horsens.example.dk', ean: '', cvr: '', _version: '0' },
    });
    expect(res.status).toBe(409);
    expect(res.html).toContain('Oplysningerne er ændret et andet sted');
    expect(res.html).toMatch(/id="f-invoiceEmail"[^>]*value="faktura@horsens.example.dk"/);
  });
});

describe('a party whose latest message did not arrive', () => {
  const demandOf = async (partyId: string) =>
    (await outbox('contribution.demand')).find((m) => m.case.id === partyId) as OutboxMessage;
  /** The cells of a party's row on the list. */
  const rowOf = (html: string, name: string) =>
    html.match(new RegExp(`${name}</a></th>(.*?)</tr>`, 's'))?.[1];

  it('is flagged on the parties list and on its page, with why, until its message is sent again', async () => {
    const aarhus = await demandOf('aarhus-kommune');
    expect(await sendMessage(h.core, acceptingMailer, aarhus.id)).toBe('sent');
    await recordBounce(h.core, aarhus.id, '2027-03-01T09:05:00.000Z');
    const list = (await request('finance', '/finance/parties')).html;
    expect(list).toContain('Disse parters seneste besked nåede ikke frem');
    expect(rowOf(list, 'Aarhus Kommune')).toContain(
      `<a href="/messages/${aarhus.id}">kunne ikke sendes: modtagerens mailserver afviste den (smtp; 550 5.1.1 user unknown)</a>`,
    );
    // Horsens had no e-mail when its demand was written; finance has given it one since (above).
    const horsens = await demandOf('horsens-kommune');
    expect(rowOf(list, 'Horsens Kommune')).toContain('kunne ikke sendes: der er ingen e-mailadresse');
    const page = (await request('finance', '/finance/parties/aarhus-kommune')).html;
    expect(page).toContain(
      'Partens seneste besked kunne ikke sendes: modtagerens mailserver afviste den (smtp; 550 5.1.1 user unknown).',
    );
    const horsensPage = '/finance/parties/horsens-kommune';
    expect((await request('finance', horsensPage)).html).toContain(
      'Partens seneste besked kunne ikke sendes: der er ingen e-mailadresse.',
    );

    // Sent again: to the e-mail finance gave the party, and the flag is gone.
    const copy = expectOk(
      await client.act(`/api/admin/messages/${horsens.id}/resend`, FINANCE, { 'if-match': '"1"' }),
      201,
    );
    expect(copy).toMatchObject({ to: 'faktura@horsens.example.dk', status: 'pending', resendOf: horsens.id });
    expect((await request('finance', horsensPage)).html).not.toContain('Partens seneste besked');
    expect(rowOf((await request('finance', '/finance/parties')).html, 'Horsens Kommune')).toContain(
      'ingen fejl',
    );
  });
});
