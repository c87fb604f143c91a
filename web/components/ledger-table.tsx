import type { LedgerEntry } from '../../functions/core/finance/finance.schema.js';
import { PARTIES } from '../../functions/core/finance/parties.js';
import { formatDate, formatDateTime, formatKr } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { DataTable } from './data-table.js';

const partyName = new Map(PARTIES.map((p) => [p.id, p.name]));

/** An award by its application's reference (FIM-2026-0001); its id's start only if the reference is unknown. */
function partyOrAward(e: LedgerEntry, lang: Lang, references: ReadonlyMap<string, string>) {
  if (e.awardId)
    return (
      <a href={`/finance/awards/${encodeURIComponent(e.awardId)}`}>
        {texts[lang].ledgerPage.award(references.get(e.awardId) ?? e.awardId.slice(0, 8))}
      </a>
    );
  if (e.partyId) return partyName.get(e.partyId) ?? e.partyId;
  return texts[lang].finance.none;
}

/** Ledger entries as a table: an award's or a contribution's movements; finance also sees who recorded each. */
export function LedgerTable({
  lang,
  entries,
  id,
  caption,
  emptyText,
  showRecordedBy = false,
  showPartyOrAward = false,
  awardReferences = new Map(),
}: {
  lang: Lang;
  entries: readonly LedgerEntry[];
  id: string;
  caption: string;
  emptyText: string;
  showRecordedBy?: boolean;
  /** The whole year's ledger: which party paid or which award the money went to (finance's award page). */
  showPartyOrAward?: boolean;
  /** The awards' references by award id (awardReferences in the ledger service). */
  awardReferences?: ReadonlyMap<string, string>;
}) {
  const f = texts[lang].finance;
  if (entries.length === 0) return <p>{emptyText}</p>;
  return (
    <DataTable
      compact
      caption={caption}
      captionId={id}
      columns={[
        { label: f.recordedAt },
        { label: f.kind },
        showPartyOrAward && { label: texts[lang].ledgerPage.partyOrAward },
        { label: f.amount, num: true },
        { label: f.paidOn },
        { label: f.details },
        showRecordedBy && { label: f.recordedBy },
      ]}
    >
      {entries.map((e) => (
        <tr>
          <th scope="row">{formatDateTime(e.at, lang)}</th>
          <td>{f.kinds[e.kind]}</td>
          {showPartyOrAward && <td>{partyOrAward(e, lang, awardReferences)}</td>}
          <td class="num">{formatKr(e.amountOre, lang)}</td>
          <td>{e.paidOn ? formatDate(e.paidOn, lang) : f.none}</td>
          <td>{e.reference ?? e.reason ?? f.none}</td>
          {showRecordedBy && <td>{e.recordedBy.email}</td>}
        </tr>
      ))}
    </DataTable>
  );
}
