import { list, record } from "./objects";

/**
 * Kubernetes label selectors (metav1.LabelSelector): `matchLabels` and `matchExpressions` are ANDed;
 * an empty selector ({}) matches everything; an unset one is "no selector" (the caller decides what
 * that means, usually "everything" for namespaceSelector/objectSelector of admission objects).
 */
export interface LabelSelectorView {
    readonly matchLabels?: Record<string, string>;
    readonly matchExpressions?: readonly { readonly key?: string; readonly operator?: string; readonly values?: readonly string[] }[];
}

/** True for {} (or matchLabels {} and matchExpressions []): selects every object. */
export function isEmptySelector(selector: unknown): boolean {
    const s = record(selector);
    if (!s) return false;
    return Object.keys(record(s["matchLabels"]) ?? {}).length === 0 && list(s["matchExpressions"]).length === 0;
}

/**
 * Whether `selector` selects an object with `labels`. Unset → `unsetMeans`. An operator this function
 * does not know (the API accepts only In, NotIn, Exists, DoesNotExist) selects nothing.
 */
export function selects(selector: unknown, labels: Readonly<Record<string, string>>, unsetMeans = true): boolean {
    if (selector === undefined || selector === null) return unsetMeans;
    const s = (record(selector) ?? {}) as LabelSelectorView;
    for (const [key, value] of Object.entries(s.matchLabels ?? {})) {
        if (labels[key] !== value) return false;
    }
    for (const expression of list<NonNullable<LabelSelectorView["matchExpressions"]>[number]>(s.matchExpressions)) {
        const key = expression.key ?? "";
        const values = list<string>(expression.values);
        const has = Object.prototype.hasOwnProperty.call(labels, key);
        switch (expression.operator) {
            case "In":
                if (!has || !values.includes(labels[key])) return false;
                break;
            case "NotIn":
                if (has && values.includes(labels[key])) return false;
                break;
            case "Exists":
                if (!has) return false;
                break;
            case "DoesNotExist":
                if (has) return false;
                break;
            default:
                return false;
        }
    }
    return true;
}

/** A selector for messages: `{"matchLabels":{...}}`, or "(unset)". */
export function describeSelector(selector: unknown): string {
    return selector === undefined || selector === null ? "(unset)" : JSON.stringify(selector);
}
