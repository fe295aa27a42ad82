// Key-set dates are compared with each other and with the clock, so they must be unambiguous: a full
// date-time with seconds and an explicit zone (RFC 3339 profile of ISO 8601). Date.parse is not used
// because what it accepts beyond its own narrow format differs between engines.

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Milliseconds since the epoch, or undefined when `text` is not such a date-time or names a day that does not exist. */
export function parseIsoDateTime(text: string): number | undefined {
  const m = ISO_DATE_TIME.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const millis = m[7] === undefined ? 0 : Number(`${m[7]}00`.slice(0, 3)); // sub-millisecond digits are dropped
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  // 60 is a leap second, which RFC 3339 allows; it is counted as the next minute's first second.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  let offsetMinutes = 0;
  if (m[8] !== undefined) {
    const offHours = Number(m[9]);
    const offMinutes = Number(m[10]);
    if (offHours > 23 || offMinutes > 59) return undefined;
    offsetMinutes = (m[8] === '-' ? -1 : 1) * (offHours * 60 + offMinutes);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day); // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as written
  utc.setUTCHours(hour, minute, second, millis);
  return utc.getTime() - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
