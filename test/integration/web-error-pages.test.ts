/*
 * Issue 11's smaller things in the browser's terms: an unknown URL is a Danish HTML page in the site's layout
 * with a way back (an unknown API path stays problem+json), and after a failed submit the error summary is
 * first in the form and takes the focus without JavaScript.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Api, expectProblem } from '../support/api.js';
import {
  ADMIN,
  BOARD,
  closeCallNow,
  createCall,
  RESEARCHER,
  submitFreeOfConflict,
} from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { browse } from '../support/web.js';

let h: Harness;
let client: Api;

beforeAll(async () => {
  ({ h, client } = await harnessWithApi());
}, 60_000);

describe('an unknown URL', () => {
  it.each([
    ['anonymous', undefined],
    ['signed in', ADMIN],
  ])('is a Danish page in the site’s layout with a way back (%s)', async (_, who) => {
    const page = await browse(h, who, '/ingen/side/her');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.html).toMatch(/^<!DOCTYPE html><html lang="da">/);
    expect(page.html).toContain('<h1>Siden findes ikke</h1>');
    expect(page.html).toContain('<a href="/">Til forsiden</a>');
    expect(page.html).toContain('<link rel="stylesheet" href="/static/app.css"');
    expect(page.html).toMatch(/<header[\s>]/);
  });

  it('is problem+json under /api', async () => {
    const res = await client.get('/api/ingen/sti', ADMIN);
    expectProblem(res, 404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('a failed submit', () => {
  it('puts the error summary first in the form, focused when the page loads', async () => {
    const call = await createCall(client);
    await submitFreeOfConflict(client, call.id, RESEARCHER);
    await closeCallNow(client, call.id);
    const page = await browse(h, BOARD, `/board/calls/${call.id}/meetings`, {
      form: { heldAt: '', notes: '', apps: '' },
    });
    expect(page.status).toBe(400);
    const summary = /<div[^>]*id="error-summary"[^>]*>/.exec(page.html)?.[0] ?? '';
    expect(summary).toContain('autofocus');
    expect(summary).toContain('tabindex="-1"');
    // The summary comes before the form's first field.
    const at = page.html.indexOf('id="error-summary"');
    expect(at).toBeGreaterThan(-1);
    expect(at).toBeLessThan(page.html.indexOf('name="heldAt"'));
  });
});
