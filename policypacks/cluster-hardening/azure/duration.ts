/**
 * ISO 8601 date durations as Key Vault rotation policies write them (P1Y, P90D, P1Y6M, P2W). Days
 * are approximate (a year is 365 days, a month 30): enough to compare against a rotation limit.
 * Returns undefined for anything else, including time parts (PT12H), which Key Vault does not accept.
 */
const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

export function durationDays(text: string): number | undefined {
    const m = DURATION.exec(text);
    if (!m || text === "P") return undefined;
    const [years, months, weeks, days] = m.slice(1).map((n) => (n === undefined ? 0 : Number(n)));
    return years * 365 + months * 30 + weeks * 7 + days;
}
