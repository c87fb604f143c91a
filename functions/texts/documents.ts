import type { DocumentMail, DocumentMessages } from '../core/documents/document.messages.js';
import type { DocumentStatus, DocumentType } from '../core/documents/document.schema.js';
import { formatDecimal, formatInteger } from './format.js';
import type { Lang } from './lang.js';
import type { MailTexts, MessageTexts } from './messages.js';

/** A size in bytes as people read it: 512 B, 14 KB, 2,5 MB. */
export function formatBytes(bytes: number, lang: Lang): string {
  if (bytes < 1024) return `${formatInteger(bytes, lang)} B`;
  if (bytes < 1024 * 1024) return `${formatInteger(Math.round(bytes / 1024), lang)} KB`;
  return `${formatDecimal(Math.round((bytes / (1024 * 1024)) * 10) / 10, lang)} MB`;
}

/** The file types as people know them (the same in both languages). */
export const TYPE_NAMES: Record<DocumentType, string> = {
  pdf: 'PDF',
  docx: 'Word (DOCX)',
  xlsx: 'Excel (XLSX)',
  odt: 'ODT',
  png: 'PNG',
  jpeg: 'JPEG',
};
const typeList = (types: readonly string[]) =>
  types.map((t) => TYPE_NAMES[t as DocumentType] ?? t).join(', ');

/** The documents section of the application pages. Danish first; `en` has the same shape. */
export const da = {
  documents: {
    title: 'Bilag',
    intro: 'Vedhæft de dokumenter, opslaget beder om. Filtypen kontrolleres ud fra filens indhold.',
    kind: 'Bilag',
    name: 'Filnavn',
    size: 'Størrelse',
    type: 'Type',
    time: 'Uploadet',
    status: 'Status',
    none: 'Ingen bilag endnu.',
    required: 'skal vedhæftes',
    optional: 'valgfrit',
    partner: (organisation: string) => `for ${organisation}`,
    allowed: (types: readonly string[], maxBytes: number) =>
      `Tilladte typer: ${typeList(types)}. Højst ${formatBytes(maxBytes, 'da')}.`,
    file: 'Fil',
    upload: 'Upload',
    replace: 'Erstat',
    delete: 'Slet',
    download: 'Hent',
    uploaded: 'Bilaget er uploadet.',
    deleted: 'Bilaget er slettet.',
    progress: 'Upload',
    addPartnerFirst:
      'Tilføj partnere under "Partnere" og gem kladden for at kunne vedhæfte deres erklæringer.',
    statuses: {
      pending: 'venter på upload',
      uploaded: 'ikke virusscannet (lokal udgave)',
      scanning: 'virusscannes',
      clean: 'scannet, ingen virus',
      rejected: 'afvist',
      infected: 'inficeret, sat i karantæne',
    } satisfies Record<DocumentStatus, string>,
  },
};

export const en: typeof da = {
  documents: {
    title: 'Attachments',
    intro: 'Attach the documents the call asks for. The file type is checked from the file’s content.',
    kind: 'Attachment',
    name: 'File name',
    size: 'Size',
    type: 'Type',
    time: 'Uploaded',
    status: 'Status',
    none: 'No attachments yet.',
    required: 'required',
    optional: 'optional',
    partner: (organisation: string) => `for ${organisation}`,
    allowed: (types: readonly string[], maxBytes: number) =>
      `Allowed types: ${typeList(types)}. At most ${formatBytes(maxBytes, 'en')}.`,
    file: 'File',
    upload: 'Upload',
    replace: 'Replace',
    delete: 'Delete',
    download: 'Download',
    uploaded: 'The attachment is uploaded.',
    deleted: 'The attachment is deleted.',
    progress: 'Upload',
    addPartnerFirst: 'Add partners under "Partners" and save the draft to attach their declarations.',
    statuses: {
      pending: 'awaiting upload',
      uploaded: 'not virus scanned (local)',
      scanning: 'being scanned for viruses',
      clean: 'scanned, no virus',
      rejected: 'refused',
      infected: 'infected, quarantined',
    },
  },
};

export const daMessages: MessageTexts<DocumentMessages> = {
  DOCUMENT_KIND_UNKNOWN: () => 'Opslaget beder ikke om denne slags bilag',
  DOCUMENT_PARTNER_REQUIRED: () => 'Vælg den partner, bilaget gælder',
  DOCUMENT_PARTNER_UNKNOWN: () => 'Ansøgningen har ingen sådan partner',
  DOCUMENT_PARTNER_NOT_TAKEN: () => 'Dette bilag gælder hele ansøgningen, ikke en partner',
  DOCUMENTS_FIXED: () => 'Bilag kan kun ændres, mens ansøgningen er en kladde',
  DOCUMENT_NOT_UPLOADED: () => 'Filen er ikke modtaget: upload den igen',
  DOCUMENT_ALREADY_COMPLETED: () => 'Bilaget er allerede modtaget',
  FILES_UNAVAILABLE: () => 'Bilag kan ikke håndteres her lige nu',
  DOCUMENT_TYPE_NOT_ALLOWED: ({ allowed }) => `Filens indhold er ikke en tilladt type (${typeList(allowed)})`,
  DOCUMENT_TOO_LARGE: ({ maxBytes, sizeBytes }) =>
    `Filen er for stor (${formatBytes(sizeBytes, 'da')}); højst ${formatBytes(maxBytes, 'da')}`,
  APPLICATION_DOCUMENTS_TOO_LARGE: ({ maxBytes, totalBytes }) =>
    `Ansøgningens bilag fylder i alt ${formatBytes(totalBytes, 'da')}; højst ${formatBytes(maxBytes, 'da')}`,
  DOCUMENT_MISSING: ({ kindName, partner }) =>
    partner ? `${kindName} mangler for ${partner}` : `${kindName} mangler`,
};

export const enMessages: MessageTexts<DocumentMessages> = {
  DOCUMENT_KIND_UNKNOWN: () => 'The call asks for no attachment of this kind',
  DOCUMENT_PARTNER_REQUIRED: () => 'Choose the partner the attachment is for',
  DOCUMENT_PARTNER_UNKNOWN: () => 'The application has no such partner',
  DOCUMENT_PARTNER_NOT_TAKEN: () => 'This attachment is for the whole application, not a partner',
  DOCUMENTS_FIXED: () => 'Attachments can only change while the application is a draft',
  DOCUMENT_NOT_UPLOADED: () => 'The file has not arrived: upload it again',
  DOCUMENT_ALREADY_COMPLETED: () => 'The attachment was already received',
  FILES_UNAVAILABLE: () => 'Attachments cannot be handled here right now',
  DOCUMENT_TYPE_NOT_ALLOWED: ({ allowed }) =>
    `The file’s content is not an allowed type (${typeList(allowed)})`,
  DOCUMENT_TOO_LARGE: ({ maxBytes, sizeBytes }) =>
    `The file is too large (${formatBytes(sizeBytes, 'en')}); at most ${formatBytes(maxBytes, 'en')}`,
  APPLICATION_DOCUMENTS_TOO_LARGE: ({ maxBytes, totalBytes }) =>
    `The application’s attachments come to ${formatBytes(totalBytes, 'en')}; at most ${formatBytes(maxBytes, 'en')}`,
  DOCUMENT_MISSING: ({ kindName, kindNameEn, partner }) =>
    partner ? `${kindNameEn ?? kindName} is missing for ${partner}` : `${kindNameEn ?? kindName} is missing`,
};

const SIGNATURE = 'Folkesundhed i Midten';

export const daMail: MailTexts<DocumentMail> = {
  'document.infected': ({ name, fileName, kindName, title }) => ({
    subject: `Bilag afvist: virus fundet i ${fileName}`,
    body: [
      `Kære ${name}`,
      '',
      `Virusscanningen fandt skadelig kode i filen "${fileName}" (${kindName}), som du uploadede til ansøgningen "${title}".`,
      'Filen er sat i karantæne og kan ikke hentes. Upload en ren udgave af bilaget.',
      '',
      SIGNATURE,
    ].join('\n'),
  }),
};

export const enMail: MailTexts<DocumentMail> = {
  'document.infected': ({ name, fileName, kindName, kindNameEn, title }) => ({
    subject: `Attachment refused: malware found in ${fileName}`,
    body: [
      `Dear ${name}`,
      '',
      `The virus scan found malicious code in the file "${fileName}" (${kindNameEn ?? kindName}) you uploaded to the application "${title}".`,
      'The file is quarantined and cannot be downloaded. Please upload a clean copy of the attachment.',
      '',
      SIGNATURE,
    ].join('\n'),
  }),
};
