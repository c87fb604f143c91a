/**
 * Benchmark (issue 3): the board's ranking of a call with 1 000 applications and 3 submitted reviews each,
 * its time and DynamoDB capacity beside a single raw Query of the same items. Runs against DynamoDB Local
 * (in memory), so the times are this machine's, not AWS's; capacity units are computed by DynamoDB Local the
 * same way as in AWS. Run: npm run bench
 */
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Application } from '../../functions/core/applications/application.schema.js';
import type { Principal } from '../../functions/core/auth/principal.js';
import type { Call } from '../../functions/core/calls/call.schema.js';
import { getRanking } from '../../functions/core/reviews/ranking.js';
import type { Assignment } from '../../functions/core/reviews/review.schema.js';
import { systemClock } from '../../functions/core/shared/time.js';
import { assignmentItem } from '../../functions/db/items.js';
import * as keys from '../../functions/db/keys.js';
import { createCoreDeps } from '../../functions/db/repositories.js';
import { runBench } from './support.js';

const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 1_000);
const REVIEWS_EACH = 3;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const admin: Principal = {
  userId: 'bench-admin',
  email: 'admin@bench',
  name: 'Bench',
  roles: ['admin'],
  chair: false,
};

await runBench('bench', async ({ db, measure: timed }) => {
  const now = new Date().toISOString();
  const callId = crypto.randomUUID();
  const criteria = [
    { id: 'relevance', name: 'Relevans', weight: 2 },
    { id: 'quality', name: 'Kvalitet', weight: 2 },
    { id: 'feasibility', name: 'Gennemførlighed', weight: 1 },
  ];
  const call: Call = {
    id: callId,
    status: 'closed',
    version: 3,
    title: 'Benchmark',
    description: 'Benchmark',
    grantTypes: [{ id: 'A', name: 'A', maxAmountOre: 50_000_000 }],
    budgetOre: 2_000_000_000,
    opensAt: now,
    closesAt: now,
    focusAreas: ['prevention'],
    criteria,
    minSectors: 2,
    reviewersPerApplication: REVIEWS_EACH,
    blindReview: false,
    showReviewsToReviewers: false,
    disagreementThreshold: 1.5,
    reviewReminderDays: 7,
    createdAt: now,
    updatedAt: now,
    createdBy: 'bench',
  };
  const items: Record<string, unknown>[] = [
    { ...keys.call(callId), ...keys.callByStatus('closed', now, callId), entity: 'call', ...call },
  ];
  for (let i = 0; i < APPLICATIONS; i++) {
    const id = crypto.randomUUID();
    const application: Application = {
      id,
      callId,
      status: 'in_review',
      version: 3,
      ownerId: `owner-${i % 50}`,
      ownerEmail: `o${i}@bench.dk`,
      ownerName: `Ansøger ${i}`,
      ownerOrganisation: `Organisation ${i % 40}`,
      grantTypeId: 'A',
      title: `Projekt ${i}: praksisnær forskning`,
      summary: 'Resumé '.repeat(60),
      focusArea: 'prevention',
      userInvolvement: 'Borgerpanel '.repeat(20),
      partners: [
        {
          organisation: `Kommune ${i % 19}`,
          sector: 'municipality',
          contactName: 'K',
          contactEmail: 'k@bench.dk',
          role: 'Partner',
        },
        {
          organisation: `Praksis ${i % 30}`,
          sector: 'general_practice',
          contactName: 'P',
          contactEmail: 'p@bench.dk',
          role: 'Partner',
        },
      ],
      budgetLines: [{ category: 'Løn', year: 2027, amountOre: 10_000_000 + i * 1_000 }],
      requestedAmountOre: 10_000_000 + i * 1_000,
      startDate: '2027-10-01',
      endDate: '2028-12-31',
      createdAt: now,
      updatedAt: now,
      reference: `FIM-2027-${String(i + 1).padStart(4, '0')}`,
      submittedAt: now,
    };
    items.push({
      ...keys.application(id),
      ...keys.applicationByOwner(application.ownerId, now, id),
      ...keys.applicationByCall(callId, now, id),
      entity: 'application',
      ...application,
    });
    for (let r = 0; r < REVIEWS_EACH; r++) {
      const reviewerId = `reviewer-${(i + r) % 12}`;
      const score = (n: number) => (((i + r + n) % 5) + 1) as 1 | 2 | 3 | 4 | 5;
      const assignment: Assignment = {
        applicationId: id,
        callId,
        applicationTitle: application.title ?? '',
        applicationReference: application.reference,
        reviewerId,
        reviewerName: `Bedømmer ${reviewerId}`,
        reviewerEmail: `${reviewerId}@bench.dk`,
        assignedAt: now,
        assignedBy: 'bench',
        review: {
          status: 'submitted',
          scores: { relevance: score(0), quality: r === 2 ? 'na' : score(1), feasibility: score(2) },
          comments: { relevance: 'Kommentar '.repeat(15), quality: 'Kommentar '.repeat(15) },
          recommendation: 'fund',
          submittedAt: now,
        },
        version: 4,
      };
      items.push(assignmentItem(assignment));
    }
  }
  const started = performance.now();
  for (let i = 0; i < items.length; i += 25) {
    await db.doc.send(
      new BatchWriteCommand({
        RequestItems: { [db.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
  console.log(
    `Seeded ${APPLICATIONS} applications and ${APPLICATIONS * REVIEWS_EACH} reviews in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const core = createCoreDeps(db, systemClock);
  const measure = async (name: string, run: () => Promise<number>) => {
    const { p50, p90, units, requests, last } = await timed(RUNS, run);
    console.log(
      `${name.padEnd(46)} p50 ${p50.toFixed(0)} ms · p90 ${p90.toFixed(0)} ms · ${units.toFixed(1)} RCU · ${requests} requests · ${last} items`,
    );
  };
  /** How many items one index partition holds, read page by page as a plain Query would. */
  const countPartition = async (partition: string) => {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': partition },
          ExclusiveStartKey: start,
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return count;
  };

  await measure('Ranking (getRanking: 2 Queries + 1 GetItem)', async () => {
    const ranking = await getRanking(core, admin, callId);
    if (ranking.rows.length !== APPLICATIONS)
      throw new Error(`expected ${APPLICATIONS} rows, got ${ranking.rows.length}`);
    return ranking.rows.length;
  });
  await measure('Raw Query of the same reviews (gsi2)', () => countPartition(keys.assignmentsOfCall(callId)));
  await measure('Raw Query of the same applications (gsi2)', () =>
    countPartition(keys.applicationsOfCall(callId)),
  );
});
