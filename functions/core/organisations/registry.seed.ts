import { demoInvoicingDetails } from '../finance/parties.demo.js';
import { PARTIES, REGION_ID } from '../finance/parties.js';
import type { Organisation } from './organisation.schema.js';

/*
 * The registry as `npm start` and the tests begin it: the 20 parties (their demo CVR numbers, as finance keeps
 * them) and the organisations the demo users and seed data name, placed in the tree.
 */

type Seed = Pick<Organisation, 'id' | 'name' | 'sector'> & { parentId?: string; cvr?: string };

const NAMED: readonly Seed[] = [
  { id: 'plo-midtjylland', name: 'PLO Midtjylland', sector: 'general_practice' },
  { id: 'aarhus-universitet', name: 'Aarhus Universitet', sector: 'research' },
  {
    id: 'aarhus-universitetshospital',
    name: 'Aarhus Universitetshospital',
    sector: 'region',
    parentId: REGION_ID,
  },
  {
    id: 'regionshospitalet-silkeborg',
    name: 'Regionshospitalet Silkeborg',
    sector: 'region',
    parentId: REGION_ID,
  },
  {
    id: 'regionshospitalet-randers',
    name: 'Regionshospitalet Randers',
    sector: 'region',
    parentId: REGION_ID,
  },
  {
    id: 'fim-sekretariatet',
    name: 'FIM-sekretariatet, Region Midtjylland',
    sector: 'region',
    parentId: REGION_ID,
  },
  {
    id: 'region-midtjylland-oekonomi',
    name: 'Region Midtjylland, Økonomi',
    sector: 'region',
    parentId: REGION_ID,
  },
  {
    id: 'aarhus-sundhed-og-omsorg',
    name: 'Sundhed og Omsorg, Aarhus Kommune',
    sector: 'municipality',
    parentId: 'aarhus-kommune',
  },
];

/** Every organisation the registry is seeded with, parents before their children. */
export function registrySeed(at: string): Organisation[] {
  const parties: Seed[] = PARTIES.map((p) => ({
    id: p.id,
    name: p.name,
    sector: p.kind,
    ...(demoInvoicingDetails(p).cvr ? { cvr: demoInvoicingDetails(p).cvr } : {}),
  }));
  return [...parties, ...NAMED].map((s) => ({ ...s, version: 1, createdAt: at, updatedAt: at }));
}
