import { auditEvent } from '../audit/audit.js';
import { hasRole, isAdmin, type Principal } from '../auth/principal.js';
import type { CoreDeps, PopulationWrite, RequestContext } from '../ports.js';
import { AppError, type FieldError, forbidden, notFound, refusal } from '../shared/errors.js';
import { populationsForYear } from './contributions.js';
import { MAX_IMPORT_FIGURES, type PartyView, type PopulationFigure } from './finance.schema.js';
import { PARTIES, type PartyRef } from './parties.js';
import { parsePopulationImport } from './population-import.js';

/** Finance staff and administrators move money and see the pool's figures; nobody else does. */
export const canManageFinance = (actor: Principal | undefined): boolean =>
  hasRole(actor, 'finance') || isAdmin(actor);

export function requireFinance(actor: Principal | undefined): void {
  if (!canManageFinance(actor)) throw forbidden();
}

const PARTY_IDS = PARTIES.map((p) => p.id);

/** The 20 parties with their latest population (anyone may read them: they are public figures). */
export async function listParties(deps: CoreDeps): Promise<PartyView[]> {
  const figures = await deps.finance.latestPopulations(PARTY_IDS);
  const byYear = new Map<number, Map<string, number>>();
  for (const f of figures) {
    const year = byYear.get(f.year) ?? new Map<string, number>();
    year.set(f.partyId, f.population);
    byYear.set(f.year, year);
  }
  const years = [...byYear.keys()].sort((a, b) => b - a);
  const resolved = years.map((year) => ({
    year,
    populations: populationsForYear(PARTIES, byYear.get(year) ?? new Map()).populations,
  }));
  return PARTIES.map((party) => {
    for (const { year, populations } of resolved) {
      const found = populations.get(party.id);
      if (found) return { ...party, latestPopulation: { year, ...found } };
    }
    return { ...party, latestPopulation: null };
  });
}

/** One of the 20 parties with its latest population (public). @throws AppError NOT_FOUND */
export async function getParty(deps: CoreDeps, partyId: string): Promise<PartyView> {
  // The region's figure may be its municipalities' sum: every party's figures are read to work it out.
  const party = (await listParties(deps)).find((p) => p.id === partyId);
  if (!party) throw notFound('party');
  return party;
}

export interface PopulationRowView {
  partyId: string;
  name: string;
  kind: PartyRef['kind'];
  population: number | null;
  derived: boolean;
  version: number | null;
  source: string | null;
  updatedAt: string | null;
}

/** Every party's figure for one reference year, and who lacks one. @throws AppError FORBIDDEN */
export async function listPopulations(
  deps: CoreDeps,
  actor: Principal,
  year: number,
): Promise<{ year: number; items: PopulationRowView[]; missing: string[] }> {
  requireFinance(actor);
  const stored = await deps.finance.getPopulations(PARTY_IDS.map((partyId) => ({ partyId, year })));
  const byParty = new Map(stored.map((f) => [f.partyId, f]));
  const { populations, missing } = populationsForYear(
    PARTIES,
    new Map(stored.map((f) => [f.partyId, f.population])),
  );
  return {
    year,
    items: PARTIES.map((party) => {
      const figure = byParty.get(party.id);
      const resolved = populations.get(party.id);
      return {
        partyId: party.id,
        name: party.name,
        kind: party.kind,
        population: resolved?.population ?? null,
        derived: resolved?.derived ?? false,
        version: figure?.version ?? null,
        source: figure?.source ?? null,
        updatedAt: figure?.updatedAt ?? null,
      };
    }),
    missing: missing.map((p) => p.id),
  };
}

export interface ImportRowView {
  line: number;
  partyId: string;
  partyName: string;
  year: number;
  population: number;
  currentPopulation: number | null;
  /** The new figure minus the current one; null for a new figure. */
  change: number | null;
  outcome: 'new' | 'changed' | 'unchanged';
}

export interface ImportPreview {
  format: 'fim' | 'folk1a';
  rows: ImportRowView[];
  summary: { new: number; changed: number; unchanged: number };
}

const SOURCES = { fim: 'CSV (party,year,population)', folk1a: 'Danmarks Statistik, FOLK1A' } as const;

async function prepareImport(
  deps: CoreDeps,
  text: string,
): Promise<ImportPreview & { current: Map<string, PopulationFigure> }> {
  const parsed = parsePopulationImport(text);
  if (parsed.problems.length > 0) {
    const errors = parsed.problems.map(
      ({ line, ...problem }) => ({ pointer: line > 0 ? `/lines/${line}` : '/', ...problem }) as FieldError,
    );
    const lines = new Set(parsed.problems.map((p) => p.line)).size;
    throw new AppError('RULES_FAILED', { code: 'IMPORT_HAS_ERRORS', params: { lines } }, { errors });
  }
  if (parsed.rows.length > MAX_IMPORT_FIGURES) {
    throw refusal('RULES_FAILED', '/lines', {
      code: 'TOO_MANY_FIGURES',
      params: { figures: parsed.rows.length, maxFigures: MAX_IMPORT_FIGURES },
    });
  }
  const stored = await deps.finance.getPopulations(parsed.rows);
  const current = new Map(stored.map((f) => [`${f.partyId}#${f.year}`, f]));
  const rows = parsed.rows.map((row): ImportRowView => {
    const before = current.get(`${row.partyId}#${row.year}`);
    const party = PARTIES.find((p) => p.id === row.partyId);
    return {
      line: row.line,
      partyId: row.partyId,
      partyName: party?.name ?? row.partyId,
      year: row.year,
      population: row.population,
      currentPopulation: before?.population ?? null,
      change: before ? row.population - before.population : null,
      outcome: !before ? 'new' : before.population === row.population ? 'unchanged' : 'changed',
    };
  });
  const count = (outcome: ImportRowView['outcome']) => rows.filter((r) => r.outcome === outcome).length;
  return {
    format: parsed.format,
    rows,
    summary: { new: count('new'), changed: count('changed'), unchanged: count('unchanged') },
    current,
  };
}

/**
 * What an import would change, line by line, against the current figures; nothing is written.
 * @throws AppError FORBIDDEN, RULES_FAILED (every line that cannot be used, by number)
 */
export async function previewPopulationImport(
  deps: CoreDeps,
  actor: Principal,
  text: string,
): Promise<ImportPreview> {
  requireFinance(actor);
  const { current: _current, ...preview } = await prepareImport(deps, text);
  return preview;
}

/**
 * Applies an import all or nothing: every new or changed figure and one audit event in one transaction.
 * Figures that are already stored as given are left alone (a re-import writes nothing).
 * @throws AppError FORBIDDEN, RULES_FAILED, VERSION_CONFLICT (a figure changed meanwhile)
 */
export async function applyPopulationImport(
  deps: CoreDeps,
  ctx: RequestContext,
  text: string,
  options: { source?: string } = {},
): Promise<ImportPreview & { written: number }> {
  requireFinance(ctx.actor);
  const { current, ...preview } = await prepareImport(deps, text);
  const now = deps.clock.now();
  const writes: PopulationWrite[] = preview.rows
    .filter((r) => r.outcome !== 'unchanged')
    .map((r) => {
      const before = current.get(`${r.partyId}#${r.year}`);
      return {
        figure: {
          partyId: r.partyId,
          year: r.year,
          population: r.population,
          source: options.source ?? SOURCES[preview.format],
          version: (before?.version ?? 0) + 1,
          updatedAt: now.toISOString(),
          updatedBy: ctx.actor.userId,
        },
        ...(before ? { expectedVersion: before.version } : {}),
      };
    });
  if (writes.length > 0) {
    const years = [...new Set(writes.map((w) => w.figure.year))].sort().join(',');
    await deps.finance.savePopulations(
      writes,
      auditEvent(
        ctx.actor,
        now,
        'populations.imported',
        { type: 'finance', id: 'populations' },
        {
          format: preview.format,
          figures: preview.rows.length,
          created: preview.summary.new,
          changed: preview.summary.changed,
          years,
        },
      ),
    );
  }
  return { ...preview, written: writes.length };
}
