import type { Principal } from '../auth/principal.js';
import type { CoreDeps } from '../ports.js';
import { kronerText, toDanishCsv, twoDecimals } from '../shared/csv.js';
import { notFound } from '../shared/errors.js';
import { getRanking } from './ranking.js';
import { isRecusedOrPending } from './review.service.js';
import { reviewerScore } from './scoring.js';

/** Every score of a call: one row per (application, reviewer), one column per criterion. @throws AppError FORBIDDEN, NOT_FOUND */
export async function exportScoresCsv(deps: CoreDeps, actor: Principal, callId: string): Promise<string> {
  const ranking = await getRanking(deps, actor, callId);
  const call = await deps.calls.get(callId);
  if (!call) throw notFound('call');
  const visible = new Set(ranking.rows.filter((r) => !r.conflicted).map((r) => r.applicationId));
  const rows = ranking.rows.filter((r) => visible.has(r.applicationId));
  const assignments = (await deps.reviews.listByCall(callId)).filter(
    (a) => visible.has(a.applicationId) && a.review.status === 'submitted' && !isRecusedOrPending(a),
  );
  const header = [
    'Journalnr.',
    'Titel',
    'Bedømmer',
    ...call.criteria.map((c) => `${c.name} (vægt ${c.weight})`),
    'Vægtet score',
    'Indstilling',
  ];
  const lines = rows.flatMap((row) =>
    assignments
      .filter((a) => a.applicationId === row.applicationId)
      .map((a) => [
        row.reference,
        row.title,
        a.reviewerName,
        ...call.criteria.map((c) => {
          const s = a.review.scores[c.id];
          return s === 'na' ? 'i.r.' : s;
        }),
        twoDecimals(reviewerScore(call.criteria, a.review.scores)),
        a.review.recommendation,
      ]),
  );
  return toDanishCsv(header, lines);
}

/** The call's ranking with each decision. @throws AppError FORBIDDEN, NOT_FOUND */
export async function exportDecisionsCsv(deps: CoreDeps, actor: Principal, callId: string): Promise<string> {
  const ranking = await getRanking(deps, actor, callId);
  const header = [
    'Placering',
    'Journalnr.',
    'Titel',
    'Gennemsnit',
    'Antal bedømmelser',
    'Spredning',
    'Ansøgt (kr.)',
    'Afgørelse',
    'Bevilget (kr.)',
    'Begrundelse',
    'Inhabile',
  ];
  const lines = ranking.rows.map((row, i) => [
    i + 1,
    row.reference,
    row.title,
    twoDecimals(row.score?.mean),
    row.score?.count,
    twoDecimals(row.score?.spread),
    kronerText(row.requestedAmountOre),
    row.decision?.outcome ?? row.status,
    kronerText(row.decision?.amountOre),
    row.decision?.justification,
    row.decision?.recused.map((r) => r.name).join(', '),
  ]);
  return toDanishCsv(header, lines);
}
