import { describe, expect, it } from 'vitest';
import { applicationBody } from '../support/fixtures.js';
import { type ReceivedMail, waitForMail } from '../support/mail.js';
import { expectAccessible, journey } from './support.js';

/*
 * "Mine beskeder" in a real browser against `npm start`'s server: a researcher submits an application (through
 * the API, as the applicant journey walks the form), finds its receipt on the receipt page and among her
 * messages, and reads it in full in both languages; the administrator and finance find the lists with their
 * filters. axe-core checks every page on the way.
 */
const RESEARCHER = 'researcher@fim.local';

describe('a researcher reads her receipt among her messages', () => {
  const j = journey();
  const { api, main, signInAs } = j;

  it('submits, is told the receipt’s state, and reads it under Mine beskeder', async () => {
    const calls = await api(RESEARCHER, 'GET', '/calls');
    const callId = calls.items[0]?.id ?? '';
    const draft = await api(
      RESEARCHER,
      'POST',
      `/calls/${callId}/applications`,
      applicationBody({ title: 'Beskeder der når frem' }),
    );
    await j.attachRequiredDocuments(RESEARCHER, draft.id);
    const submitted = (await api(RESEARCHER, 'POST', `/applications/${draft.id}/submit`)) as unknown as {
      reference: string;
    };

    await signInAs('Sofie Andersen', `/applications/${draft.id}/receipt`);
    expect(await main().textContent()).toMatch(
      /En kvittering (sendes til din e-mail|er sendt til din e-mail)/,
    );
    await expectAccessible(j.page);

    await j.page.getByRole('link', { name: 'Mine beskeder' }).first().click();
    expect(await j.page.locator('h1').textContent()).toBe('Mine beskeder');
    const row = j.page.getByRole('row', { name: /Kvittering for ansøgning FIM-\d{4}-\d{4}/ }).first();
    expect(await row.textContent()).toMatch(/sendes|sendt/);
    await expectAccessible(j.page);

    await row.getByRole('link').click();
    expect(await j.page.locator('h1').textContent()).toMatch(/^Kvittering for ansøgning FIM-.* \/ .*/);
    expect(await main().locator('section[lang="da"]').textContent()).toContain('Beskeder der når frem');
    expect(await main().locator('section[lang="en"]').count()).toBe(1);
    await expectAccessible(j.page);
    await j.page.getByRole('link', { name: `/applications/${draft.id}` }).click();
    expect(await j.page.locator('h1').textContent()).toBe('Beskeder der når frem');

    // The local sender drains the outbox every few seconds: the receipt arrives in maildev's inbox, and
    // then the receipt page says it was sent.
    const received = await waitForMail(
      async () => {
        const response = await fetch(`${j.server.inboxUrl}/api/email`);
        return (await response.json()) as ReceivedMail[];
      },
      (mails) => mails.some((m) => m.subject.includes(submitted.reference)),
      15_000,
    );
    const receipt = received.find((m) => m.subject.includes(submitted.reference));
    expect(receipt?.to.map((t) => t.address)).toEqual([RESEARCHER]);
    expect(receipt?.text).toContain('Beskeder der når frem');
    await j.page.goto(`${j.server.url}/applications/${draft.id}/receipt`);
    expect(await main().textContent()).toMatch(/En kvittering er sendt til din e-mail \d/);
    await expectAccessible(j.page);
  }, 120_000);

  it('gives the administrator every message with filters, and finance the parties’', async () => {
    await signInAs('Anne Holm', '/admin/calls');
    await j.page.getByRole('link', { name: 'Beskeder: status og gensendelse' }).click();
    expect(await j.page.locator('h1').textContent()).toBe('Beskeder');
    await expectAccessible(j.page);
    await j.page.getByLabel('Slags').selectOption('application.receipt');
    await j.page.getByRole('button', { name: 'Vis', exact: true }).click();
    expect(new URL(j.page.url()).searchParams.get('kind')).toBe('application.receipt');
    expect(await main().locator('table').first().textContent()).toContain('Kvittering for ansøgning');
    await expectAccessible(j.page);

    await signInAs('Frederik Kristensen', '/finance');
    await j.page.getByRole('link', { name: 'Parternes beskeder: status og gensendelse' }).click();
    expect(await j.page.locator('h1').textContent()).toBe('Parternes beskeder');
    const listed = await main().locator('a[href^="/messages/"]').allTextContents();
    expect(listed.filter((subject) => subject.includes('Kvittering'))).toEqual([]);
    await expectAccessible(j.page);
  }, 60_000);
});
