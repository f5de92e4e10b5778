/**
 * Property paths into a resource's inputs, for the mutation table: `vpcConfig.endpointPublicAccess`,
 * `blockDeviceMappings[*].ebs.encrypted` (every element), `blockDeviceMappings[0]` (an index),
 * `agentPoolProfiles[name=system].osSKU` (the elements whose `name` is "system"; the key may be a dotted
 * path) and `tags["kubernetes.io/role/elb"]` (a key that holds dots). Pure: plain JSON in, plain JSON out.
 */
export type Segment =
    | { readonly kind: "key"; readonly key: string }
    | { readonly kind: "index"; readonly index: number }
    | { readonly kind: "all" }
    | { readonly kind: "match"; readonly key: string; readonly value: string };

type Json = unknown;
type Obj = Record<string, Json>;

/**
 * A deep copy through JSON. Not structuredClone: under Jest that builds arrays of another realm, which
 * `instanceof Array` in the policy SDK's deserializer does not recognise.
 */
export function cloneJson<T>(value: T): T {
    return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

const isObject = (v: Json): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

export function parsePath(path: string): Segment[] {
    const segments: Segment[] = [];
    let i = 0;
    const fail = (why: string): never => {
        throw new Error(`bad path "${path}" at ${i}: ${why}`);
    };
    while (i < path.length) {
        if (path[i] === ".") {
            if (i === 0 || path[i - 1] === ".") fail("empty key");
            i++;
            continue;
        }
        if (path[i] === "[") {
            const end = path.indexOf("]", i);
            if (end < 0) fail("unclosed [");
            const inner = path.slice(i + 1, end);
            const quoted = /^"(.*)"$/.exec(inner);
            if (quoted) segments.push({ kind: "key", key: quoted[1] });
            else if (inner === "*") segments.push({ kind: "all" });
            else if (/^\d+$/.test(inner)) segments.push({ kind: "index", index: Number(inner) });
            else if (inner.includes("=")) {
                const eq = inner.indexOf("=");
                segments.push({ kind: "match", key: inner.slice(0, eq), value: inner.slice(eq + 1) });
            } else fail(`cannot read [${inner}]`);
            i = end + 1;
            continue;
        }
        const next = path.slice(i).search(/[.[]/);
        const end = next < 0 ? path.length : i + next;
        segments.push({ kind: "key", key: path.slice(i, end) });
        i = end;
    }
    if (segments.length === 0) fail("no segments");
    return segments;
}

/** The value at a simple dotted path (no brackets), for match segments: `action.type`. */
function dotted(value: Json, path: string): Json {
    let current = value;
    for (const key of path.split(".")) {
        if (!isObject(current)) return undefined;
        current = current[key];
    }
    return current;
}

/** Indexes of an array that a segment selects. */
function selected(list: Json[], segment: Segment): number[] {
    switch (segment.kind) {
        case "index":
            return segment.index < list.length ? [segment.index] : [];
        case "all":
            return list.map((_, i) => i);
        case "match":
            return list.flatMap((item, i) => (String(dotted(item, segment.key)) === segment.value ? [i] : []));
        case "key":
            return [];
    }
}

/** Every container (object or array) that holds the path's last segment, with that segment. */
function parents(root: Json, segments: readonly Segment[], create: boolean): { holder: Obj | Json[]; last: Segment }[] {
    let current: Json[] = [root];
    for (const segment of segments.slice(0, -1)) {
        const next: Json[] = [];
        for (const value of current) {
            if (segment.kind === "key") {
                if (!isObject(value)) continue;
                if (value[segment.key] === undefined && create) value[segment.key] = {};
                if (value[segment.key] !== undefined) next.push(value[segment.key]);
            } else if (Array.isArray(value)) {
                for (const i of selected(value, segment)) next.push(value[i]);
            }
        }
        current = next;
    }
    const last = segments[segments.length - 1];
    return current.filter((v): v is Obj | Json[] => isObject(v) || Array.isArray(v)).map((holder) => ({ holder, last }));
}

/** Every value the path reaches (undefined where a key is absent). */
export function getAll(root: Json, path: string): Json[] {
    const segments = parsePath(path);
    return parents(root, segments, false).flatMap(({ holder, last }) => {
        if (last.kind === "key") return isObject(holder) ? [holder[last.key]] : [];
        return Array.isArray(holder) ? selected(holder, last).map((i) => holder[i]) : [];
    });
}

/**
 * Sets the value at every place the path reaches, creating missing objects along plain keys. `value` may
 * be a function of the current value. Returns how many places were set.
 */
export function setAll(root: Json, path: string, value: Json | ((current: Json) => Json)): number {
    const segments = parsePath(path);
    const compute = (current: Json) => cloneJson(typeof value === "function" ? (value as (c: Json) => Json)(current) : value);
    let count = 0;
    for (const { holder, last } of parents(root, segments, true)) {
        if (last.kind === "key") {
            if (!isObject(holder)) continue;
            holder[last.key] = compute(holder[last.key]);
            count++;
        } else if (Array.isArray(holder)) {
            for (const i of selected(holder, last)) {
                holder[i] = compute(holder[i]);
                count++;
            }
        }
    }
    return count;
}

/** Removes the value at every place the path reaches (a key is deleted, an array element spliced out). */
export function unsetAll(root: Json, path: string): number {
    const segments = parsePath(path);
    let count = 0;
    for (const { holder, last } of parents(root, segments, false)) {
        if (last.kind === "key") {
            if (isObject(holder) && last.key in holder && holder[last.key] !== undefined) {
                delete holder[last.key];
                count++;
            }
        } else if (Array.isArray(holder)) {
            const indexes = selected(holder, last).sort((a, b) => b - a);
            for (const i of indexes) holder.splice(i, 1);
            count += indexes.length;
        }
    }
    return count;
}
