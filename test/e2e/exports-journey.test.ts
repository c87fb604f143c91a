import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDanishCsv } from '../support/api.js';
import { type OpenedZip, openZip } from '../support/zip.js';
import { draftBody, expectAccessible, journey } from './support.js';

/*
 * The case record and the exports in a real browser against `npm start`'s server (issue 12, docs/cases.md):
 * Mads Poulsen's application is drafted and saved 55 times, given its documents, submitted, reviewed, rejected
 * with a justification and its minutes approved (through the API), so its record runs over two pages. The
 * secretariat opens "Sagens forløb" from the application, pages through it, filters it by kind and by person,
 * asks for the aktindsigt export there, follows the status page until `npm start`'s worker has built it and
 * downloads the ZIP by the page's link: every part, the index, the checksum the page and the API show. Then
 * Mads gets "Mine data": his application, nothing of Sofie Andersen's draft. axe-core checks every page.
 *
 * Mads (Silkeborg Kommune) with Skive partners: neither the chair (Region Midtjylland) nor reviewer 1 (Aarhus
 * Universitet) is conflicted with his application (see review-journey.test.ts).
 */
const ADMIN = 'Anne Holm';
const ADMIN_EMAIL = 'admin@fim.local';
const APPLICANT = 'Mads Poulsen';
const APPLICANT_EMAIL = 'researcher2@fim.local';
const OTHER_EMAIL = 'researcher@fim.local';
const TITLE = 'Madskole for familier i Skive';
const OTHER_TITLE = 'Søvn og skærm blandt unge i Aarhus';
const EDITS = 55;
const REVIEW_COMMENT = 'Godt forankret i kommunen, men metoden er tynd.';
const JUSTIFICATION = 'Projektet falder uden for puljens formål.';

type Json = Record<string, unknown>;

describe('the secretariat’s case record and aktindsigt export, and a researcher’s "Mine data"', () => {
  const j = journey();
  const { api } = j;
  const ids = { call: '', app: '', other: '' };

  /** The rows of the case record's table, each as its text. */
  const rows = (page: Page) => page.locator('main table tbody tr').allTextContents();

  /**
   * Follows an export's status page (its refresh link, as a person would) until the worker has built it;
   * then the checksum the page shows and the ZIP downloaded by the page's link.
   */
  const followAndDownload = async (page: Page) => {
    expect(new URL(page.url()).pathname).toMatch(/^\/exports\/[\w-]+$/);
    await expectAccessible(page);
    const status = () => page.locator('main dl strong').first().textContent();
    await expect
      .poll(
        async () => {
          const now = await status();
          if (now !== 'Klar til download') await page.getByRole('link', { name: 'Opdatér status' }).click();
          return now;
        },
        { timeout: 90_000, interval: 500 },
      )
      .toBe('Klar til download');
    await expectAccessible(page);
    const checksum = (await page.locator('main dl code').textContent()) ?? '';
    expect(checksum).toMatch(/^[0-9a-f]{64}$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Hent ZIP-filen' }).click(),
    ]);
    const bytes = readFileSync(await download.path());
    return {
      exportId: new URL(page.url()).pathname.split('/').at(-1) ?? '',
      checksum,
      bytes,
      zip: openZip(bytes),
    };
  };

  const text = (zip: OpenedZip, name: string) => zip.read(name).toString('utf8');

  beforeAll(async () => {
    const calls = (await (await fetch(`${j.server.url}/api/calls`)).json()) as { items: { id: string }[] };
    ids.call = calls.items[0]?.id ?? '';
    const draftOf = async (email: string, title: string, partner: string) =>
      (await api(email, 'POST', `/calls/${ids.call}/applications`, draftBody(title, partner))).id;
    ids.app = await draftOf(APPLICANT_EMAIL, TITLE, 'Skive Kommune');
    ids.other = await draftOf(OTHER_EMAIL, OTHER_TITLE, 'Aarhus Kommune');
    // Saved again and again, as a draft is worked on: each save is an event, so the record runs over a page.
    let { version } = (await api(APPLICANT_EMAIL, 'GET', `/applications/${ids.app}`)) as unknown as {
      version: number;
    };
    for (let n = 1; n <= EDITS; n++) {
      ({ version } = (await api(
        APPLICANT_EMAIL,
        'PATCH',
        `/applications/${ids.app}`,
        { summary: `Udgave ${n + 1}: familier i Skive laver mad sammen en gang om ugen.` },
        { 'if-match': `"${version}"` },
      )) as unknown as { version: number });
    }
    await j.attachRequiredDocuments(APPLICANT_EMAIL, ids.app);
    await api(APPLICANT_EMAIL, 'POST', `/applications/${ids.app}/submit`);
    await api(ADMIN_EMAIL, 'POST', `/calls/${ids.call}/close`, { reason: 'Klar til bedømmelse.' });
    await api(ADMIN_EMAIL, 'POST', `/applications/${ids.app}/assignments`, {
      reviewerIds: ['demo-reviewer1'],
    });
    const review = (await api(
      'reviewer1@fim.local',
      'GET',
      `/applications/${ids.app}/review`,
    )) as unknown as {
      assignment: { version: number };
    };
    await api(
      'reviewer1@fim.local',
      'PUT',
      `/applications/${ids.app}/review`,
      {
        scores: { relevance: 4, quality: 2, feasibility: 3 },
        comments: { quality: REVIEW_COMMENT },
        recommendation: 'do_not_fund',
      },
      { 'if-match': `"${review.assignment.version}"` },
    );
    await api('reviewer1@fim.local', 'POST', `/applications/${ids.app}/review/submit`);
    const meeting = await api(ADMIN_EMAIL, 'POST', `/applications/${ids.app}/decision`, {
      outcome: 'rejected',
      justification: JUSTIFICATION,
    });
    await api('chair@fim.local', 'POST', `/meetings/${meeting.id}/minutes/approve`);
  }, 180_000);

  it('the secretariat pages through the case record and filters it by kind and by person', async () => {
    await j.signInAs(ADMIN, `/applications/${ids.app}`);
    await j.page.getByRole('link', { name: 'Sagens forløb' }).click();
    expect(new URL(j.page.url()).pathname).toBe(`/admin/cases/application/${ids.app}`);
    await expectAccessible(j.page);

    // Oldest first, 50 a page: the draft's creation and its saves, by the applicant, named from the directory.
    const first = await rows(j.page);
    expect(first).toHaveLength(50);
    expect(first[0]).toContain('Ansøgningen blev oprettet som kladde');
    expect(first[0]).toContain(`${APPLICANT} (${APPLICANT_EMAIL})`);
    expect(first.filter((r) => r.includes('Kladden blev ændret'))).toHaveLength(49);
    expect(first.join('\n')).not.toContain('Ansøgningen blev indsendt');

    await j.page.getByRole('link', { name: 'Næste side' }).click();
    expect(new URL(j.page.url()).searchParams.get('cursor')).toBeTruthy();
    await expectAccessible(j.page);
    const second = await rows(j.page);
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((r) => first.includes(r))).toEqual([]);
    const words = second.join('\n');
    for (const kind of [
      'Kladden blev ændret',
      'Ansøgningen blev indsendt',
      'En bedømmelse blev afleveret',
      'Bestyrelsen traf afgørelse',
    ])
      expect(words).toContain(kind);
    // Reading the first page was recorded under the case, by the admin.
    expect(second.some((r) => r.includes('Sagens forløb blev læst') && r.includes(ADMIN))).toBe(true);
    expect(await j.page.getByRole('link', { name: 'Første side' }).count()).toBe(1);

    // By kind: the one submission.
    await j.page.getByLabel('Hændelse').selectOption({ label: 'Ansøgningen blev indsendt' });
    await j.page.getByRole('button', { name: 'Vis', exact: true }).click();
    expect(new URL(j.page.url()).searchParams.get('kind')).toBe('application.submitted');
    const submitted = await rows(j.page);
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toContain(`${APPLICANT} (${APPLICANT_EMAIL})`);
    await expectAccessible(j.page);

    // By person: every kind again, only the reviewer's events.
    await j.page.getByLabel('Hændelse').selectOption({ label: 'Alle hændelser' });
    await j.page.getByLabel('Person', { exact: true }).fill('reviewer1@fim.local');
    await j.page.getByRole('button', { name: 'Vis', exact: true }).click();
    const reviewers = await rows(j.page);
    expect(reviewers.length).toBeGreaterThan(0);
    for (const row of reviewers) expect(row).toContain('Rikke Laursen (reviewer1@fim.local)');
    expect(reviewers.join('\n')).toContain('En bedømmelse blev afleveret');
    expect(await j.page.getByLabel('Person', { exact: true }).inputValue()).toBe('reviewer1@fim.local');
  }, 120_000);

  it('the secretariat exports the case for aktindsigt and downloads the ZIP the page names', async () => {
    await j.page.goto(`${j.server.url}/admin/cases/application/${ids.app}`);
    await j.page.getByRole('button', { name: 'Eksportér sagen (aktindsigt)' }).click();
    const { exportId, checksum, bytes, zip } = await followAndDownload(j.page);

    // The checksum the page and the API show is the SHA-256 of the bytes downloaded.
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(checksum);
    const state = (await api(ADMIN_EMAIL, 'GET', `/exports/${exportId}`)) as unknown as Json;
    expect(state).toMatchObject({ status: 'ready', sha256: checksum, sizeBytes: bytes.length });

    // Every part the issue names.
    expect(zip.names).toEqual(
      expect.arrayContaining([
        'index.csv',
        'index.pdf',
        'application.json',
        'application.pdf',
        'decision.json',
        'audit-events.csv',
      ]),
    );
    const under = (folder: string) => zip.names.filter((n) => n.startsWith(`${folder}/`));
    expect(under('documents').length).toBeGreaterThan(0);
    expect(under('reviews')).toHaveLength(1);
    expect(under('minutes')).toHaveLength(1);
    expect(under('messages').length).toBeGreaterThan(0);
    for (const name of ['index.pdf', 'application.pdf'])
      expect(zip.read(name).subarray(0, 5).toString()).toBe('%PDF-');

    // The index lists every other part, the review marked as an internal working document.
    const index = parseDanishCsv(text(zip, 'index.csv'));
    const listed = index.slice(1).map((r) => r[0]);
    expect(listed.sort()).toEqual(zip.names.filter((n) => !n.startsWith('index.')).sort());
    const reviewRow = index.find((r) => r[0] === under('reviews')[0]);
    expect(reviewRow?.join(';')).toContain('Internt arbejdsdokument (offentlighedsloven § 23)');

    expect(JSON.parse(text(zip, 'application.json'))).toMatchObject({
      application: { id: ids.app, title: TITLE },
    });
    expect(JSON.parse(text(zip, 'decision.json'))).toMatchObject({
      outcome: 'rejected',
      justification: JUSTIFICATION,
    });
    expect(text(zip, under('reviews')[0] ?? '')).toContain(REVIEW_COMMENT);
    expect(text(zip, under('minutes')[0] ?? '')).toContain(JUSTIFICATION);
    const events = text(zip, 'audit-events.csv');
    expect(events).toContain('application.submitted');
    expect(events.match(/application\.updated/g)).toHaveLength(EDITS);
    // Nothing of the other researcher's case.
    for (const name of zip.names.filter((n) => !n.endsWith('.pdf'))) {
      expect(text(zip, name), name).not.toContain(ids.other);
      expect(text(zip, name), name).not.toContain(OTHER_EMAIL);
    }
  }, 150_000);

  it('a researcher downloads "Mine data": their application, nothing of another researcher’s', async () => {
    await j.signInAs(APPLICANT);
    await j.page.getByRole('link', { name: 'Mine data' }).click();
    expect(new URL(j.page.url()).pathname).toBe('/me/data');
    await j.page.getByRole('link', { name: 'Hent alle dine data (ZIP)' }).click();
    expect(new URL(j.page.url()).pathname).toBe('/me/data-export');
    await expectAccessible(j.page);
    await j.page.getByRole('button', { name: 'Hent mine data' }).click();
    const { checksum, bytes, zip } = await followAndDownload(j.page);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(checksum);

    expect(zip.names).toEqual(
      expect.arrayContaining(['profile.json', 'audit-events.csv', 'mine-data.pdf', 'index.csv']),
    );
    expect(JSON.parse(text(zip, 'profile.json'))).toMatchObject({ email: APPLICANT_EMAIL, name: APPLICANT });
    const applications = zip.names.filter((n) => n.startsWith('applications/'));
    expect(applications).toHaveLength(1);
    expect(text(zip, applications[0] ?? '')).toContain(ids.app);
    expect(zip.names.filter((n) => n.startsWith('documents/')).length).toBeGreaterThan(0);

    // Nothing of Sofie Andersen's draft, and not the reviewer's words (the reviews are the board's record).
    const everything = zip.names
      .filter((n) => !n.endsWith('.pdf'))
      .map((n) => text(zip, n))
      .join('\n');
    for (const other of [ids.other, OTHER_TITLE, OTHER_EMAIL, 'Sofie Andersen', REVIEW_COMMENT])
      expect(everything).not.toContain(other);
    expect(zip.names.some((n) => n.startsWith('reviews/'))).toBe(false);
  }, 150_000);
});
