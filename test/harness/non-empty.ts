/**
 * The items of a list, after failing the test when there are none: an assertion made for every item of
 * an empty list passes without checking anything. Loops that assert per item iterate over `nonEmpty(...)`
 * (test/architecture/test-loops.test.ts finds those that do not).
 */
export function nonEmpty<T>(list: Iterable<T>, what = "list"): T[] {
    const items = [...list];
    if (items.length === 0) throw new Error(`expected a non-empty ${what}: a per-item assertion over it would check nothing`);
    return items;
}
