/** The languages of the site, the API's problem details, e-mails and PDFs: Danish first. */
export type Lang = 'da' | 'en';

export const LANGS: readonly Lang[] = ['da', 'en'];

/** The language an `Accept-Language` header asks for: English only when it comes first, else Danish. */
export const langFromHeader = (acceptLanguage: string | undefined): Lang =>
  acceptLanguage && /^\s*en\b/i.test(acceptLanguage) ? 'en' : 'da';
