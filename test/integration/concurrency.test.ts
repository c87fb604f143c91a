import { beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '../../functions/core/calls/call.schema.js';
import type { Api } from '../support/api.js';
import {
  ADMIN,
  BOARD,
  CHAIR,
  createDraft,
  FINANCE,
  RESEARCHER,
  RESEARCHER2,
  REVIEWER,
} from '../support/fixtures.js';
import { type Harness, harnessWithCall } from '../support/harness.js';
import { auditEvents, itemsWithPkPrefix, pendingOutbox } from '../support/table.js';

let h: Harness;
let client: Api;
let call: Call;

beforeAll(async () => {
  ({ h, client, call } = await harnessWithCall());
});

describe('concurrent submissions', () => {
  it('ten submits at once all succeed with the references 0001..0010, no gaps, no duplicates', async () => {
    const owners = [
      RESEARCHER,
      RESEARCHER2,
      REVIEWER,
      BOARD,
      CHAIR,
      FINANCE,
      ADMIN,
      RESEARCHER,
      RESEARCHER2,
      RESEARCHER,
    ];
    const drafts = await Promise.all(owners.map((who) => createDraft(client, call.id, who)));
    // Sign every user in first, so the submits below start as close together as possible.
    await Promise.all([...new Set(owners)].map((who) => client.get('/api/me', who)));

    const results = await Promise.all(
      drafts.map((draft, i) => client.act(`/api/applications/${draft.id}/submit`, owners[i])),
    );

    for (const res of results) expect(res.status, res.text).toBe(200);
    const references = results.map((r) => r.body.reference as string);
    expect([...references].sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `FIM-2027-${String(i + 1).padStart(4, '0')}`),
    );

    // Each application keeps the reference it was answered with, and each reference is claimed once.
    for (const [i, draft] of drafts.entries()) {
      const stored = await client.get(`/api/applications/${draft.id}`, owners[i]);
      expect(stored.body).toMatchObject({ status: 'submitted', version: 2, reference: references[i] });
      expect(await auditEvents(h, `APP#${draft.id}`)).toHaveLength(2);
    }
    const claims = await itemsWithPkPrefix(h, 'REF#');
    expect(claims).toHaveLength(10);
    expect(new Set(claims.map((c) => c.applicationId))).toEqual(new Set(drafts.map((d) => d.id)));
    expect(await itemsWithPkPrefix(h, 'COUNTER#REFERENCE#2027')).toEqual([
      expect.objectContaining({ sequence: 10 }),
    ]);
    expect(await pendingOutbox(h)).toHaveLength(10);
  });
});

describe('concurrent edits', () => {
  it('two PATCHes with the same If-Match: exactly one 200 and one 409', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER);
    await client.get('/api/me', RESEARCHER);

    const results = await Promise.all([
      client.patch(`/api/applications/${draft.id}`, { title: 'Version A' }, RESEARCHER, 1),
      client.patch(`/api/applications/${draft.id}`, { title: 'Version B' }, RESEARCHER, 1),
    ]);

    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200);
    const loser = results.find((r) => r.status === 409);
    expect(loser?.body).toMatchObject({ code: 'VERSION_CONFLICT' });
    const stored = await client.get(`/api/applications/${draft.id}`, RESEARCHER);
    expect(stored.body).toMatchObject({ version: 2, title: winner?.body.title });
    expect(await auditEvents(h, `APP#${draft.id}`)).toHaveLength(2);
  });

  it('a PATCH racing a submit: both cannot win', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER);
    const [edit, submit] = await Promise.all([
      client.patch(`/api/applications/${draft.id}`, { title: 'Sent ændring' }, RESEARCHER, 1),
      client.act(`/api/applications/${draft.id}/submit`, RESEARCHER),
    ]);
    expect([edit.status, submit.status].filter((s) => s === 200)).toHaveLength(1);
    const stored = await client.get(`/api/applications/${draft.id}`, RESEARCHER);
    expect(stored.body.version).toBe(2);
    if (submit.status === 200) {
      expect(edit.status).toBe(409);
      expect(stored.body).toMatchObject({ status: 'submitted', title: draft.title });
    } else {
      expect(submit.status).toBe(409);
      expect(stored.body).toMatchObject({ status: 'draft', title: 'Sent ændring' });
    }
  });
});
