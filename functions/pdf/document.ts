/*
 * The part of pdfmake's document definition the platform's PDFs use (see pdfmake-shim.d.ts for why these are
 * not @types/pdfmake's).
 */

export type Margin = number | [number, number] | [number, number, number, number];

export interface PdfStyle {
  fontSize?: number;
  bold?: boolean;
  italics?: boolean;
  color?: string;
  margin?: Margin;
  alignment?: 'left' | 'right' | 'center' | 'justify';
}

export interface PdfTable {
  headerRows?: number;
  widths?: (number | '*' | 'auto')[];
  body: PdfContent[][];
  dontBreakRows?: boolean;
}

export interface PdfNode extends PdfStyle {
  text?: PdfContent;
  style?: string | string[];
  stack?: PdfContent[];
  columns?: PdfContent[];
  ul?: PdfContent[];
  table?: PdfTable;
  layout?: 'noBorders' | 'headerLineOnly' | 'lightHorizontalLines';
  width?: number | '*' | 'auto';
  noWrap?: boolean;
  /** Marks a heading for the PDF's outline (bookmarks). */
  tocItem?: boolean;
  /** Starts the node on a new page. */
  pageBreak?: 'before' | 'after';
  /** A table cell spanning this many columns (the cells it covers follow as empty strings). */
  colSpan?: number;
}

export type PdfContent = string | PdfNode | PdfContent[];

export interface PdfDocument {
  info?: { title?: string; author?: string; subject?: string; producer?: string; creator?: string };
  /** The document's language (`da`, `en`), for screen readers. */
  language?: string;
  pageSize?: 'A4';
  pageMargins?: Margin;
  content: PdfContent;
  styles?: Record<string, PdfStyle>;
  defaultStyle?: PdfStyle & { font?: string };
  footer?: (currentPage: number, pageCount: number) => PdfContent;
}
