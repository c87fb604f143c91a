import { Hono } from 'hono';
import { partyDetailsInputSchema } from '../../functions/core/finance/parties.schema.js';
import {
  getPartyDetails,
  listPartyDetails,
  updatePartyDetails,
} from '../../functions/core/finance/parties.service.js';
import { listPartyMessageFlags } from '../../functions/core/messages/messages.service.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import { type FormState, formAction } from '../form-action.js';
import { digits, field, formVersion } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import {
  PartyDetailsListPage,
  PartyDetailsPage,
  type PartyDetailsValues,
  partyDetailsValues,
} from './party-details.page.js';

const partyOf = (c: WebContext): string => c.req.param('partyId') ?? '';

/** Under /finance: the parties' invoicing details, each party's form and its history. */
export function partyDetailsRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/parties', async (c) => {
    const { actor, lang } = webCtx(c);
    const [parties, failed] = await Promise.all([
      listPartyDetails(deps.core, actor),
      listPartyMessageFlags(deps.core, { actor }),
    ]);
    return page(
      c,
      texts[lang].partyDetails.listTitle,
      <PartyDetailsListPage lang={lang} parties={parties} failed={failed} />,
    );
  });

  const render = async (
    c: WebContext,
    options: {
      values?: PartyDetailsValues;
      errors?: Errors;
      notice?: string;
      status?: 200 | 400 | 409 | 422;
    },
  ) => {
    const { actor, lang } = webCtx(c);
    const [{ party, history }, failed] = await Promise.all([
      getPartyDetails(deps.core, actor, partyOf(c)),
      listPartyMessageFlags(deps.core, { actor }),
    ]);
    return page(
      c,
      texts[lang].partyDetails.title(party.name),
      <PartyDetailsPage
        lang={lang}
        party={party}
        failed={failed.get(party.id)}
        history={history}
        values={options.values ?? partyDetailsValues(party)}
        errors={options.errors ?? new Errors(lang)}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  app.get('/parties/:partyId', (c) =>
    render(c, c.req.query('saved') ? { notice: texts[webCtx(c).lang].partyDetails.saved } : {}),
  );

  app.post(
    '/parties/:partyId',
    formAction({
      values: (body): PartyDetailsValues & { version: number } => ({
        invoiceEmail: field(body, 'invoiceEmail'),
        ean: field(body, 'ean'),
        cvr: field(body, 'cvr'),
        // A form without its version is stale, never a blind write.
        version: formVersion(body) ?? -1,
      }),
      // The form holds every field: an emptied one clears what was stored.
      input: (values) => ({
        invoiceEmail: values.invoiceEmail.trim() || null,
        ean: digits(values.ean) || null,
        cvr: digits(values.cvr) || null,
      }),
      schema: partyDetailsInputSchema,
      run: (input, { c, ctx, values }) =>
        updatePartyDetails(deps.core, ctx, partyOf(c), input, values.version),
      done: (_, { c }) => `/finance/parties/${partyOf(c)}?saved=1`,
      render: (c, state: FormState<PartyDetailsValues>) =>
        // A stale form shows the details as they are now, with the page's own words for it.
        state.conflict
          ? render(c, {
              errors: new Errors(webCtx(c).lang, [{ pointer: '', code: 'PARTY_CHANGED' }]),
              status: 409,
            })
          : render(c, { values: state.values, errors: state.errors, status: state.status }),
    }),
  );
  return app;
}
