import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A ZIP written to a temporary file and read with Info-ZIP's unzip (on the machine; yauzl is not installed). */
export interface OpenedZip {
  path: string;
  /** The entries' names, as `unzip -Z1` lists them. */
  names: string[];
  /** One entry's bytes (`unzip -p`). */
  read(name: string): Buffer;
}

export function openZip(bytes: Buffer): OpenedZip {
  const path = join(mkdtempSync(join(tmpdir(), 'fim-zip-')), 'export.zip');
  writeFileSync(path, bytes);
  // `unzip -t` fails on a broken archive (a CRC or a central directory that does not match).
  execFileSync('unzip', ['-tq', path]);
  const names = execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).split('\n').filter(Boolean);
  return {
    path,
    names,
    read: (name) => execFileSync('unzip', ['-p', path, name], { maxBuffer: 256 * 1024 * 1024 }),
  };
}
