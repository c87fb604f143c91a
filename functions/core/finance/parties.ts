/** The pool's 20 parties: the 19 municipalities of Region Midtjylland and the region itself. */
export const MUNICIPALITIES = [
  'Favrskov',
  'Hedensted',
  'Herning',
  'Holstebro',
  'Horsens',
  'Ikast-Brande',
  'Lemvig',
  'Norddjurs',
  'Odder',
  'Randers',
  'Ringkøbing-Skjern',
  'Samsø',
  'Silkeborg',
  'Skanderborg',
  'Skive',
  'Struer',
  'Syddjurs',
  'Viborg',
  'Aarhus',
] as const;

export const REGION_ID = 'region-midtjylland';
export const REGION_NAME = 'Region Midtjylland';

export type PartyKind = 'municipality' | 'region';

export interface PartyRef {
  id: string;
  name: string;
  kind: PartyKind;
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'oe')
    .replaceAll('å', 'aa')
    .replace(/[^a-z0-9]+/g, '-');

export const PARTIES: readonly PartyRef[] = [
  ...MUNICIPALITIES.map((m) => ({
    id: `${slug(m)}-kommune`,
    name: `${m} Kommune`,
    kind: 'municipality' as const,
  })),
  { id: REGION_ID, name: REGION_NAME, kind: 'region' },
];

const comparable = (name: string) =>
  name
    .normalize('NFC')
    .toLocaleLowerCase('da-DK')
    .replace(/\b(kommune|municipality)\b/g, '')
    .replace(/[\s\-–]+/g, ' ')
    .trim();

const byName = new Map(PARTIES.map((p) => [comparable(p.name), p]));
const byId = new Map(PARTIES.map((p) => [p.id, p]));

/**
 * A party by id or by name as Danmarks Statistik and people write it ("Favrskov", "Favrskov Kommune",
 * "ringkøbing-skjern", "Region Midtjylland"). Undefined for anything else.
 */
export function findParty(nameOrId: string): PartyRef | undefined {
  return byId.get(nameOrId.trim()) ?? byName.get(comparable(nameOrId));
}
