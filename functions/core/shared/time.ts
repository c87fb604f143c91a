/** Deadlines are judged in Danish time; everything is stored as UTC ISO strings. */
export const FIM_TIME_ZONE = 'Europe/Copenhagen';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Built on first use, not at import: the first Intl object of a process costs ~20 ms CPU (ICU's start), which a
 * function that never needs Copenhagen time (the closer) should not pay at its cold start.
 */
let partsFormatter: Intl.DateTimeFormat | undefined;
const copenhagenParts = () =>
  (partsFormatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: FIM_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }));

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock time in Copenhagen at an instant. */
export function copenhagenWallClock(instant: Date): WallClock {
  const parts = Object.fromEntries(
    copenhagenParts()
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Offset of Copenhagen from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function copenhagenOffsetMinutes(instant: Date): number {
  const w = copenhagenWallClock(instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const OFFSET_RE = /(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Reads a date-time as a user or client gave it. With an offset (`2027-09-01T12:00:00+02:00`) it is exact;
 * without one (`2027-09-01T12:00`, what a datetime-local field sends) it is Copenhagen wall-clock time.
 * Returns the UTC ISO string, or undefined when the text is no date-time.
 */
export function parseDateTimeInput(text: string): string | undefined {
  const trimmed = text.trim();
  if (OFFSET_RE.test(trimmed)) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(trimmed)) return undefined;
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  const m = LOCAL_RE.exec(trimmed);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  // Two passes settle the offset also next to a daylight-saving switch.
  let guess = naive - copenhagenOffsetMinutes(new Date(naive)) * 60_000;
  guess = naive - copenhagenOffsetMinutes(new Date(guess)) * 60_000;
  const check = copenhagenWallClock(new Date(guess));
  if (check.day !== day || check.month !== month) return undefined;
  return new Date(guess).toISOString();
}

/** `YYYY-MM-DDTHH:mm` in Copenhagen time: the value a datetime-local field shows. */
export function toCopenhagenLocalInput(isoUtc: string): string {
  const w = copenhagenWallClock(new Date(isoUtc));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}`;
}

/** Today's date in Copenhagen as `YYYY-MM-DD`. */
export function copenhagenDate(instant: Date): string {
  const w = copenhagenWallClock(instant);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** A calendar date (YYYY-MM-DD) plus whole days. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The whole days from one calendar date to another (negative when `to` comes first). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
