import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { PDF_TYPE, pdf, postToStore } from '../support/documents.js';
import { launchStart } from '../support/launcher.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, never a downloaded browser. Fails with one line saying what to install. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install it with \`sudo apt-get install -y chromium\`.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface LocalServer {
  url: string;
  /** Its maildev's inbox (REST API at `${inboxUrl}/api/email`). */
  inboxUrl: string;
  dataDir: string;
  output: () => string;
  /** Ctrl-C, as a person would stop it; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Runs `npm start`'s entry point as its own process, on a free port and a data folder of the test's. */
export async function startLocalServer(
  dataDir = mkdtempSync(join(tmpdir(), 'fim-e2e-')),
): Promise<LocalServer> {
  const { child, port, webPort, output, exited } = await launchStart(dataDir);
  try {
    await new Promise<void>((ready, fail) => {
      // DynamoDB Local's JVM alone may take a minute to answer on a loaded machine (functions/local).
      const timer = setTimeout(
        () => fail(new Error(`npm start did not come up in 150 s:\n${output()}`)),
        150_000,
      );
      const check = () => {
        if (output().includes('FIM kører på')) {
          clearTimeout(timer);
          ready();
        }
      };
      child.stdout?.on('data', check);
      void exited.then((code) => {
        clearTimeout(timer);
        fail(new Error(`npm start exited with ${code}:\n${output()}`));
      });
    });
  } catch (error) {
    // A start that did not come up is stopped too, and everything it started with it.
    if (child.exitCode === null) child.kill('SIGINT');
    await exited;
    throw error;
  }
  return {
    url: `http://localhost:${port}`,
    inboxUrl: `http://localhost:${webPort}`,
    dataDir,
    output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}

/**
 * axe-core on the page as it stands: WCAG 2.1 A and AA, no violations allowed. The page itself must carry
 * no script: the site works without JavaScript (axe needs it in the browser, so the check runs with it on).
 */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await page.locator('script').count(), `scripts on ${page.url()}`).toBe(0);
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe on ${page.url()}`).toEqual([]);
}

/**
 * Uploads a small PDF in the browser from an application's page: the kind's upload button (its name, e.g.
 * "Upload CV for projektleder"), the file field on the upload page, and back on the application with the notice.
 * With JavaScript the page's script sends it (with progress); without, the form posts straight to the store.
 */
export async function uploadInBrowser(page: Page, button: string, fileName: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByLabel('Fil', { exact: true }).setInputFiles({
    name: fileName,
    mimeType: PDF_TYPE,
    buffer: pdf(),
  });
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await page.locator('.notice', { hasText: 'Bilaget er uploadet' }).waitFor();
}

/** A journey's surroundings: `npm start`'s server, Chromium, one Danish browser context and its page. */
/**
 * A complete draft of the demo call's grant type A (the body of `POST /calls/{id}/applications`): `partner`, a
 * municipality, with Lægehuset Skive beside it, so who is conflicted follows from `partner`.
 */
export const draftBody = (title: string, partner: string, summary = 'Første udgave.') => ({
  grantTypeId: 'A',
  title,
  summary,
  focusArea: 'prevention',
  userInvolvement: 'Et borgerpanel følger projektet.',
  partners: [partner, 'Lægehuset Skive'].map((organisation, i) => ({
    organisation,
    sector: i === 0 ? 'municipality' : 'general_practice',
    contactName: 'Kontakt Person',
    contactEmail: 'kontakt@example.dk',
    role: 'Partner',
  })),
  budgetLines: [{ category: 'Løn', year: 2027, amountOre: 20_000_000 }],
  startDate: '2027-10-01',
  endDate: '2028-12-31',
});

export interface Journey {
  server: LocalServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The page's main landmark. */
  main(): Locator;
  /** Signs in as a demo user (by the name on the sign-in button) from a clean session, landing on `next`. */
  signInAs(name: string, next?: string): Promise<void>;
  /**
   * The JSON API as a demo user (by e-mail), for what a journey needs done but does not walk; must succeed.
   * `headers` are sent besides the token (e.g. `if-match` for a versioned write).
   */
  api(
    email: string,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ id: string; items: { id: string }[] }>;
  /**
   * Attaches a small PDF for every document the application's call requires (each partner's declaration too),
   * through the API and the file store as a client does: for journeys that submit but do not walk the upload.
   * Slots that already hold a document are left as they are.
   */
  attachRequiredDocuments(email: string, applicationId: string): Promise<void>;
}

/**
 * Starts the server and the browser before the describe block it is called in (opening a page that waits
 * 10 s at most), and stops them after it.
 */
export function journey(): Journey {
  const j = {
    main: () => j.page.locator('main'),
    async signInAs(name: string, next = '/') {
      await j.context.clearCookies();
      await j.page.goto(`${j.server.url}/login?next=${encodeURIComponent(next)}`);
      await j.page.getByRole('button', { name: new RegExp(`Log ind som ${name}`) }).click();
    },
    async api(email: string, method: string, path: string, body?: unknown, headers = {}) {
      const login = await fetch(`${j.server.url}/api/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      const { token } = (await login.json()) as { token: string };
      const res = await fetch(`${j.server.url}/api${path}`, {
        method,
        headers: { ...headers, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
      return (await res.json()) as { id: string; items: { id: string }[] };
    },
    async attachRequiredDocuments(email: string, applicationId: string) {
      const application = (await j.api(email, 'GET', `/applications/${applicationId}`)) as unknown as {
        callId: string;
        partners?: unknown[];
      };
      const call = (await j.api(email, 'GET', `/calls/${application.callId}`)) as unknown as {
        documentKinds?: { id: string; required: boolean; per: 'application' | 'partner' }[];
      };
      const attached = (await j.api(email, 'GET', `/applications/${applicationId}/documents`)) as unknown as {
        items: { kind: string; partnerIndex?: number; status: string }[];
      };
      const has = (kind: string, partnerIndex: number | undefined) =>
        attached.items.some(
          (d) =>
            d.kind === kind && d.partnerIndex === partnerIndex && !['pending', 'rejected'].includes(d.status),
        );
      for (const kind of (call.documentKinds ?? []).filter((k) => k.required)) {
        const slots = kind.per === 'partner' ? (application.partners ?? []).map((_, i) => i) : [undefined];
        for (const partnerIndex of slots.filter((i) => !has(kind.id, i))) {
          const bytes = pdf();
          const ticket = (await j.api(email, 'POST', `/applications/${applicationId}/documents`, {
            kind: kind.id,
            fileName: `${kind.id}.pdf`,
            contentType: PDF_TYPE,
            sizeBytes: bytes.length,
            ...(partnerIndex === undefined ? {} : { partnerIndex }),
          })) as unknown as { id: string; upload: { url: string; fields: Record<string, string> } };
          const posted = await postToStore(ticket.upload, bytes, PDF_TYPE, `${kind.id}.pdf`);
          expect(posted.status, await posted.clone().text()).toBeLessThan(400);
          await j.api(email, 'POST', `/applications/${applicationId}/documents/${ticket.id}/complete`);
        }
      }
    },
  } as Journey;
  beforeAll(async () => {
    [j.server, j.browser] = await Promise.all([startLocalServer(), launchChromium()]);
    j.context = await j.browser.newContext({ locale: 'da-DK' });
    j.page = await j.context.newPage();
    j.page.setDefaultTimeout(10_000);
  }, 200_000);
  afterAll(async () => {
    await j.context?.close();
    await j.browser?.close();
    await j.server?.stop();
  });
  return j;
}
