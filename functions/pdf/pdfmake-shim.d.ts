/*
 * pdfmake's JavaScript without @types/pdfmake: its interfaces pull the DOM library into the whole program
 * (`/// <reference lib="dom" />`), which retypes File, Blob and fetch for every file. The few types the PDFs
 * use are in ./document.ts.
 */
declare module 'pdfmake/js/index.js' {
  const pdfmake: {
    /** pdfmake's own in-memory file system (the server build has no addVirtualFileSystem). */
    virtualfs: { writeFileSync(name: string, content: Buffer): void };
    setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    createPdf(doc: unknown): { getStream(): Promise<import('node:stream').Readable & { end(): void }> };
  };
  export default pdfmake;
}
