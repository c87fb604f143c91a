import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { dynamo } from './errors.js';
import { keys } from './keys.js';

/** One of the pool's 20 parties: the 19 municipalities of Region Midtjylland and the region itself. */
export interface Party {
  id: string;
  name: string;
  kind: 'municipality' | 'region';
}

export interface PopulationFigure {
  partyId: string;
  /** Reference year: the population on 1 January of this year. */
  year: number;
  population: number;
  source: string;
}

/** Seeding (issue 4 adds the finance flows on top). Writes a party and its figures together. */
export async function putPartyWithPopulation(
  db: Db,
  party: Party,
  figures: PopulationFigure[],
): Promise<void> {
  await dynamo(() =>
    db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: db.tableName,
              Item: {
                ...keys.party(party.id),
                ...keys.partyList(party.name),
                entity: 'party',
                ...party,
                version: 1,
              },
            },
          },
          ...figures.map((f) => ({
            Put: {
              TableName: db.tableName,
              Item: { ...keys.population(f.partyId, f.year), entity: 'population', ...f },
            },
          })),
        ],
      }),
    ),
  );
}
