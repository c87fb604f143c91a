import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../functions/core/audit/actions.js';
import { auditEvent } from '../../functions/core/audit/audit.js';
import {
  acknowledgePrivacyNotice,
  mustSeePrivacyNotice,
} from '../../functions/core/auth/privacy-notice.service.js';
import { readCaseRecord } from '../../functions/core/cases/case-record.service.js';
import { CONTROLLER_DEFAULTS, readController } from '../../functions/http/config.js';
import { texts } from '../../functions/texts/index.js';
import { caseOfPage, detailLines, eventName } from '../../web/cases/case-record.page.js';
import { createFakes } from '../support/fakes.js';
import { ACTORS, as, openedCall } from '../support/services.js';

describe('the case record’s words', () => {
  it('names every kind of event the code writes, in Danish and English, each its own', () => {
    for (const lang of ['da', 'en'] as const) {
      const words = AUDIT_ACTIONS.map((action) => texts[lang].cases.events[action]);
      expect(words.every((w) => typeof w === 'string' && w.length > 3)).toBe(true);
      expect(new Set(words).size).toBe(words.length);
    }
    expect(texts.da.cases.events['application.submitted']).not.toBe(
      texts.en.cases.events['application.submitted'],
    );
  });

  it('words a kind it does not know by its code', () => {
    expect(eventName('da', 'legacy.thing')).toBe('Hændelse legacy.thing');
  });

  it('shows edits before and after, money in kroner, yes and no', () => {
    expect(
      detailLines('da', {
        titleBefore: 'Gammel',
        titleAfter: 'Ny',
        amountOre: 50_000_000,
        approvedOreBefore: null,
        approvedOreAfter: 12_345,
        filtered: true,
      }),
    ).toEqual([
      'Titel: Gammel (før) → Ny (efter)',
      `Beløb: ${new Intl.NumberFormat('da-DK', { style: 'currency', currency: 'DKK' }).format(500_000)}`,
      `Bevilget beløb: tom (før) → ${new Intl.NumberFormat('da-DK', { style: 'currency', currency: 'DKK' }).format(123.45)} (efter)`,
      'Filtreret: ja',
    ]);
  });

  it('knows each case page by its path', () => {
    expect(caseOfPage('/applications/a-1')).toEqual({ kind: 'application', id: 'a-1' });
    expect(caseOfPage('/admin/calls/c-1')).toEqual({ kind: 'call', id: 'c-1' });
    expect(caseOfPage('/admin/calls/new')).toBeUndefined();
    expect(caseOfPage('/board/meetings/m-1')).toEqual({ kind: 'meeting', id: 'm-1' });
    expect(caseOfPage('/parties/751')).toEqual({ kind: 'party', id: '751' });
    expect(caseOfPage('/awards/x')).toEqual({ kind: 'award', id: 'x' });
    expect(caseOfPage('/applications')).toBeUndefined();
  });
});

describe('readCaseRecord', () => {
  it('is for admins only, and 404 for a case with no record', async () => {
    const { deps } = createFakes({ users: Object.values(ACTORS) });
    const call = await openedCall(deps);
    for (const actor of [ACTORS.applicant, ACTORS.finance, ACTORS.otherApplicant]) {
      await expect(readCaseRecord(deps, as(actor), { kind: 'call', id: call.id }, {})).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    await expect(
      readCaseRecord(deps, as(ACTORS.admin), { kind: 'call', id: 'nope' }, {}),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      readCaseRecord(deps, as(ACTORS.admin), { kind: 'call', id: 'nope' }, { kind: 'call.created' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads in time order, names the people, filters, and records who read it', async () => {
    const { deps, store } = createFakes({ users: Object.values(ACTORS) });
    const call = await openedCall(deps);
    const page = await readCaseRecord(deps, as(ACTORS.admin), { kind: 'call', id: call.id }, {});
    expect(page.events.map((e) => e.action)).toEqual(['call.created', 'call.opened']);
    expect(page.people[ACTORS.admin.userId]).toEqual({ name: ACTORS.admin.name, email: ACTORS.admin.email });
    expect(store.eventsOf(call.id).at(-1)).toMatchObject({
      action: 'case.viewed',
      actor: { userId: ACTORS.admin.userId },
    });
    const byEmail = await readCaseRecord(
      deps,
      as(ACTORS.admin),
      { kind: 'call', id: call.id },
      { actor: ACTORS.admin.email, kind: 'call.opened' },
    );
    expect(byEmail.events.map((e) => e.action)).toEqual(['call.opened']);
    const empty = await readCaseRecord(
      deps,
      as(ACTORS.admin),
      { kind: 'call', id: call.id },
      { actor: 'nobody' },
    );
    expect(empty.events).toEqual([]);
  });

  it('writes events that name the actor by id only', () => {
    const event = auditEvent(ACTORS.admin, new Date(), 'call.created', { type: 'call', id: 'c' });
    expect(event.actor).toEqual({ userId: ACTORS.admin.userId });
  });
});

describe('the privacy notice', () => {
  it('is to be shown until acknowledged, once', async () => {
    const { deps, store } = createFakes({ users: Object.values(ACTORS) });
    const ctx = as(ACTORS.applicant);
    expect(await mustSeePrivacyNotice(deps, ctx)).toBe(true);
    await acknowledgePrivacyNotice(deps, ctx);
    await acknowledgePrivacyNotice(deps, ctx);
    expect(await mustSeePrivacyNotice(deps, ctx)).toBe(false);
    expect(
      store.eventsOf(ACTORS.applicant.userId).filter((e) => e.action === 'user.privacy_notice_seen'),
    ).toHaveLength(1);
  });

  it('names the controller from configuration, the region unless told', () => {
    expect(readController({})).toEqual(CONTROLLER_DEFAULTS);
    expect(
      readController({ FIM_CONTROLLER_NAME: 'Aarhus Kommune', FIM_CONTROLLER_EMAIL: 'x@aarhus.dk' }),
    ).toMatchObject({
      name: 'Aarhus Kommune',
      email: 'x@aarhus.dk',
      address: CONTROLLER_DEFAULTS.address,
    });
  });
});
