import { describe, expect, it } from 'vitest';
import type { Application } from '../../functions/core/applications/application.schema.js';
import type { PrintoutDocument } from '../../functions/core/applications/printout.service.js';
import {
  type MeetingPack,
  meetingPackKey,
  type PackItem,
} from '../../functions/core/board/meeting-pack.service.js';
import type { Call } from '../../functions/core/calls/call.schema.js';
import type { Meeting } from '../../functions/core/decisions/decision.schema.js';

/*
 * The meeting pack's cache key: the same content gives the same key; anything the pack shows that changes
 * (an application's version, a review, the ranking, a conflict, the reader, the language, the PDF's format)
 * gives a new one.
 */

const AT = '2027-03-10T13:00:00.000Z';
const call = {
  id: 'call-1',
  title: 'Praksisnær forskning',
  budgetOre: 100_000_000,
  criteria: [],
} as unknown as Call;

const application = (id: string, extra: Partial<Application> = {}): Application =>
  ({
    id,
    callId: call.id,
    status: 'approved',
    reference: `FIM-2027-${id}`,
    title: `Ansøgning ${id}`,
    summary: `Resumé af ${id}`,
    partners: [],
    budgetLines: [],
    requestedAmountOre: 1_000_000,
    version: 3,
    createdAt: AT,
    updatedAt: AT,
    ...extra,
  }) as Application;

const meeting: Meeting = {
  id: 'meeting-1',
  callId: call.id,
  heldAt: AT,
  attendees: [{ userId: 'b', name: 'Bo Nielsen' }],
  decisions: [
    { applicationId: 'a1', title: 'Ansøgning a1', outcome: 'approved', amountOre: 1_000_000, recused: [] },
    { applicationId: 'a2', title: 'Ansøgning a2', recused: [], conflicted: true },
  ],
  recordedAt: AT,
  recordedBy: 'admin',
};

const cv: PrintoutDocument = {
  id: 'd1',
  kind: 'cv_project_lead',
  kindName: 'CV for projektleder',
  name: 'cv.pdf',
  sizeBytes: 1_234,
  sha256: 'a'.repeat(64),
  downloadable: true,
};

const free = (
  app: Application,
  comment = 'Et stærkt projekt.',
  documents: PrintoutDocument[] = [cv],
): PackItem => ({
  conflicted: false,
  application: app,
  members: [],
  documents,
  reviews: [
    { reviewerName: 'Rikke', status: 'submitted', recused: false, score: 4.2, overallComment: comment },
  ],
});
const hidden: PackItem = { conflicted: true, applicationId: 'a2', title: 'Ansøgning a2' };

const pack = (overrides: Partial<MeetingPack> = {}): MeetingPack => ({
  meeting,
  call,
  reader: { userId: 'b', name: 'Bo Nielsen' },
  ranking: {
    callId: call.id,
    budgetOre: call.budgetOre,
    approvedOre: 1_000_000,
    leftOut: 1,
    disagreementThreshold: 1.2,
    rows: [
      { applicationId: 'a1', title: 'Ansøgning a1', conflicted: false, score: undefined },
      { applicationId: 'a2', title: 'Ansøgning a2', conflicted: true },
    ],
  },
  items: [free(application('a1')), hidden],
  ...overrides,
});

const key = (p: MeetingPack, lang = 'da', format = 1) => meetingPackKey(p, lang, format);

describe('meetingPackKey', () => {
  it('is the same for the same content, built twice', () => {
    expect(key(pack())).toBe(key(pack()));
    expect(key(pack())).toMatch(/^[\w-]{43}$/);
  });

  it('changes with anything the pack shows', () => {
    const base = key(pack());
    const changed = [
      pack({ items: [free(application('a1', { version: 4, title: 'Ny titel' })), hidden] }),
      pack({ items: [free(application('a1'), 'En ny kommentar.'), hidden] }),
      // A document replaced, or no longer readable (a scanner's verdict): its checksum, its state.
      pack({ items: [free(application('a1'), undefined, [{ ...cv, sha256: 'b'.repeat(64) }]), hidden] }),
      pack({ items: [free(application('a1'), undefined, [{ ...cv, downloadable: false }]), hidden] }),
      pack({ items: [free(application('a1'), undefined, []), hidden] }),
      pack({ ranking: { ...pack().ranking, approvedOre: 2_000_000 } }),
      // A conflict found since: the item is its title only.
      pack({ items: [{ conflicted: true, applicationId: 'a1', title: 'Ansøgning a1' }, hidden] }),
      pack({ reader: { userId: 'c', name: 'Charlotte Bech' } }),
    ].map((p) => key(p));
    expect(new Set([base, ...changed]).size).toBe(changed.length + 1);
    expect(key(pack(), 'en')).not.toBe(base);
    expect(key(pack(), 'da', 2)).not.toBe(base);
  });
});
