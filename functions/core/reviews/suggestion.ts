/**
 * A suggested assignment of reviewers for a whole call. Each application gets `perApplication` reviewers
 * (counting those it has) from the reviewers free of conflict with it, or all of them where fewer are free;
 * load (assignments per reviewer, existing ones included) is spread as evenly as conflicts allow.
 */
export interface SuggestionInput {
  applications: { id: string; assigned: string[]; conflicted: string[] }[];
  reviewerIds: string[];
  perApplication: number;
}

export type Suggestion = Map<string, string[]>;

export function suggestAssignment({
  applications,
  reviewerIds,
  perApplication,
}: SuggestionInput): Suggestion {
  const load = new Map(reviewerIds.map((id) => [id, 0]));
  for (const app of applications)
    for (const r of app.assigned) if (load.has(r)) load.set(r, (load.get(r) ?? 0) + 1);
  const eligible = (app: SuggestionInput['applications'][number], taken: Set<string>) =>
    reviewerIds.filter((r) => !app.conflicted.includes(r) && !taken.has(r));
  const suggestion: Suggestion = new Map();

  // Hardest first: applications with the fewest free reviewers get their pick before the others.
  const order = [...applications].sort(
    (a, b) =>
      eligible(a, new Set(a.assigned)).length - eligible(b, new Set(b.assigned)).length ||
      a.id.localeCompare(b.id),
  );
  for (const app of order) {
    const taken = new Set(app.assigned);
    const need = Math.max(0, perApplication - app.assigned.length);
    const picked = eligible(app, taken)
      .sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || a.localeCompare(b))
      .slice(0, need);
    for (const r of picked) load.set(r, (load.get(r) ?? 0) + 1);
    suggestion.set(app.id, picked);
  }

  // Even out: move a suggested review from a busier reviewer to one with at least two fewer who is free to
  // take it. Each move lowers the sum of squared loads, so this ends.
  const byId = new Map(applications.map((a) => [a.id, a]));
  for (let moved = true; moved; ) {
    moved = false;
    for (const [appId, picked] of suggestion) {
      const app = byId.get(appId);
      if (!app) continue;
      for (let i = 0; i < picked.length; i++) {
        const from = picked[i] as string;
        const taken = new Set([...app.assigned, ...picked]);
        const to = eligible(app, taken).find((r) => (load.get(r) ?? 0) + 2 <= (load.get(from) ?? 0));
        if (to === undefined) continue;
        picked[i] = to;
        load.set(from, (load.get(from) ?? 0) - 1);
        load.set(to, (load.get(to) ?? 0) + 1);
        moved = true;
      }
    }
  }
  return suggestion;
}
