import type { CapturedResource } from "../../../tools/mock/captured";
import { cloneJson, getAll, parsePath, setAll, unsetAll } from "./path";

/**
 * The four kinds of insecure (or compliant) change the mutation table applies to a captured stack, one
 * row at a time, always to a copy: set a property, unset it, add a resource (a teammate's raw resource, a
 * Helm release, a hand-written binding), remove a resource. Pure: no Pulumi runtime, so the tables can
 * be read by the docs generator without running anything.
 */

export type Json = unknown;
export type Inputs = Record<string, Json>;

/** Which resources an edit touches: a type token, optionally narrowed by logical name or inputs. */
export interface Target {
    readonly type: string;
    /** A string matches the end of the logical name ("-general" matches "platform-prod-general"); a RegExp is tested. */
    readonly name?: string | RegExp;
    readonly where?: (inputs: Inputs) => boolean;
    /** How the row's title names the target; default: the type's last part and the name filter. */
    readonly label?: string;
}

/** What a test means by an edit: the property made absent, or given a wrong value. */
export type Probe = "unset" | "wrong-value";

/** A resource an add-resource edit registers, as the engine would record it. */
export interface NewResource {
    readonly type: string;
    readonly name: string;
    readonly props: Inputs;
    /** URN of the parent; default: the stack root of the resources of the same provider package. */
    readonly parent?: string;
    readonly dependencies?: readonly string[];
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
    /** False for a ComponentResource. Default true. */
    readonly custom?: boolean;
}

export type Edit =
    | {
          readonly kind: "set";
          readonly target: Target;
          readonly path: string;
          readonly value: Json | ((current: Json) => Json);
          readonly shown: string;
      }
    | { readonly kind: "unset"; readonly target: Target; readonly path: string }
    | {
          readonly kind: "add-resource";
          readonly label: string;
          readonly probe: Probe;
          readonly build: (stack: StackView) => NewResource | readonly NewResource[];
      }
    | { readonly kind: "remove-resource"; readonly target: Target }
    | { readonly kind: "combined"; readonly label: string; readonly probe: Probe; readonly edits: readonly Edit[] };

export type EditKind = Edit["kind"];

export function target(type: string, name?: string | RegExp, where?: (inputs: Inputs) => boolean, label?: string): Target {
    return { type, name, where, label };
}

function show(value: Json): string {
    if (typeof value === "function") return "(computed)";
    const text = JSON.stringify(value);
    // The start and the end: ids and ARNs differ at their end.
    return text.length > 72 ? `${text.slice(0, 30)}…${text.slice(-40)}` : text;
}

/** A new value computed from the current one (filter a list, edit a JSON document held in a string). */
export type Computed = (current: Json) => Json;

/** Sets `path` to `value` (or to `value(current)`) on every resource the target matches. */
export function set(on: Target, path: string, value: Computed, shown: string): Edit;
export function set(on: Target, path: string, value: Json, shown?: string): Edit;
export function set(on: Target, path: string, value: Json, shown?: string): Edit {
    parsePath(path);
    return { kind: "set", target: on, path, value, shown: shown ?? show(value) };
}

/** Removes `path` from every resource the target matches. */
export function unset(on: Target, path: string): Edit {
    parsePath(path);
    return { kind: "unset", target: on, path };
}

/** Adds one or more resources built from the captured stack (to refer to its namespaces, groups, ids). */
export function addResource(label: string, probe: Probe, build: (stack: StackView) => NewResource | readonly NewResource[]): Edit {
    return { kind: "add-resource", label, probe, build };
}

/** Removes every resource the target matches. */
export function removeResource(on: Target): Edit {
    return { kind: "remove-resource", target: on };
}

/** Several edits that make one change together (e.g. a public endpoint and its CIDR list). */
export function combined(label: string, probe: Probe, ...edits: Edit[]): Edit {
    if (edits.length < 2) throw new Error(`combined("${label}") needs at least two edits`);
    return { kind: "combined", label, probe, edits };
}

/** A function for `set` that edits a JSON document held in a string property (IAM policies). */
export function jsonText(change: (doc: Inputs) => Json): Computed {
    return (current) => JSON.stringify(change(JSON.parse(String(current)) as Inputs));
}

export function describeTarget(t: Target): string {
    if (t.label) return t.label;
    const kind = t.type.slice(t.type.lastIndexOf(":") + 1);
    if (t.name === undefined) return kind;
    return `${kind} ${t.name instanceof RegExp ? String(t.name) : `*${t.name}`}`;
}

export function describeEdit(edit: Edit): string {
    switch (edit.kind) {
        case "set":
            return `set ${describeTarget(edit.target)} ${edit.path} = ${edit.shown}`;
        case "unset":
            return `unset ${describeTarget(edit.target)} ${edit.path}`;
        case "add-resource":
            return `add ${edit.label}`;
        case "remove-resource":
            return `remove ${describeTarget(edit.target)}`;
        case "combined":
            return edit.label;
    }
}

/** The probe an edit stands for: set → wrong value, unset/remove → unset; add and combined say so themselves. */
export function probeOf(edit: Edit): Probe {
    switch (edit.kind) {
        case "set":
            return "wrong-value";
        case "unset":
        case "remove-resource":
            return "unset";
        case "add-resource":
        case "combined":
            return edit.probe;
    }
}

/** The kinds an edit is made of (a combined edit counts as itself and as each of its parts). */
export function kindsOf(edit: Edit): EditKind[] {
    return edit.kind === "combined" ? ["combined", ...edit.edits.flatMap(kindsOf)] : [edit.kind];
}

/** A stack as an edit sees it: its resources with plain inputs. */
export interface ViewResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly inputs: Inputs;
}

export interface StackView {
    readonly stack: string;
    readonly resources: readonly ViewResource[];
    /** Every resource the target matches. */
    all(on: Target): ViewResource[];
    /** The single resource the target matches; throws when there are none or several. */
    one(on: Target): ViewResource;
    /** The URN a resource added at the stack root would get (to make another added resource depend on it). */
    urnFor(type: string, name: string): string;
}

export function matches(on: Target, r: { type: string; name: string }, inputs: () => Inputs): boolean {
    if (r.type !== on.type) return false;
    if (typeof on.name === "string" && !r.name.endsWith(on.name)) return false;
    if (on.name instanceof RegExp && !on.name.test(r.name)) return false;
    return on.where === undefined || on.where(inputs());
}

/** A captured stack with plain inputs per resource, which edits read and copy. */
export interface Snapshot {
    readonly stack: string;
    readonly resources: readonly CapturedResource[];
    /** Plain (deserialized) inputs by URN; never mutated. */
    readonly inputs: ReadonlyMap<string, Inputs>;
}

export interface EditedStack {
    readonly resources: CapturedResource[];
    /** URNs of resources whose inputs changed or that were added: resource policies need to run only on these. */
    readonly changed: ReadonlySet<string>;
    readonly removed: ReadonlySet<string>;
}

export class EditError extends Error {}

export function viewOf(snapshot: Snapshot, resources: readonly CapturedResource[], inputsOf: (r: CapturedResource) => Inputs): StackView {
    const view = resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, inputs: inputsOf(r) }));
    const all = (on: Target) => view.filter((r) => matches(on, r, () => r.inputs));
    return {
        stack: snapshot.stack,
        resources: view,
        all,
        one: (on) => {
            const found = all(on);
            if (found.length !== 1) throw new EditError(`expected one ${describeTarget(on)} in ${snapshot.stack}, found ${found.length}`);
            return found[0];
        },
        urnFor: (type, name) => urnOf(rootFor(resources, type), type, name),
    };
}

/** "urn:pulumi:<stack>::<project>::<type chain>::<name>" → its parts. */
function urnParts(urn: string): { prefix: string; chain: string } {
    const m = /^(urn:pulumi:[^:]+::[^:]+)::(.+)::[^:]+$/.exec(urn);
    if (!m) throw new EditError(`cannot read URN ${urn}`);
    return { prefix: m[1], chain: m[2] };
}

/** The URN the engine gives a resource of `type` named `name` under `parent` (the stack root adds no type). */
export function urnOf(parent: CapturedResource, type: string, name: string): string {
    const { prefix, chain } = urnParts(parent.urn);
    const qualified = parent.type === "pulumi:pulumi:Stack" ? type : `${chain}$${type}`;
    return `${prefix}::${qualified}::${name}`;
}

function rootFor(resources: readonly CapturedResource[], type: string): CapturedResource {
    const pkg = type.slice(0, type.indexOf(":"));
    const sibling = resources.find((r) => r.type.startsWith(`${pkg}:`));
    const roots = resources.filter((r) => r.type === "pulumi:pulumi:Stack");
    const root = sibling ? roots.find((r) => urnParts(r.urn).prefix === urnParts(sibling.urn).prefix) : roots[0];
    if (!root) throw new EditError("the captured stack has no pulumi:pulumi:Stack resource");
    return root;
}

function topLevelKey(path: string): string | undefined {
    const segments = parsePath(path);
    return segments.length === 1 && segments[0].kind === "key" ? segments[0].key : undefined;
}

/**
 * Applies an edit to a copy of the stack. Fails (EditError) when it would be a no-op: a target that matches
 * nothing, a path that reaches nothing, a value equal to the current one. A row whose edit changes nothing
 * would pass or fail for the wrong reason.
 */
export function applyEdit(snapshot: Snapshot, edit: Edit): EditedStack {
    const state = {
        resources: [...snapshot.resources],
        inputs: new Map<string, Inputs>(),
        changed: new Set<string>(),
        removed: new Set<string>(),
    };
    const inputsOf = (r: CapturedResource): Inputs => state.inputs.get(r.urn) ?? (snapshot.inputs.get(r.urn) as Inputs);
    apply(snapshot, edit, state, inputsOf);
    const resources = state.resources.map((r) => {
        const edited = state.inputs.get(r.urn);
        return edited === undefined ? r : { ...r, props: edited };
    });
    return { resources, changed: state.changed, removed: state.removed };
}

interface EditState {
    resources: CapturedResource[];
    inputs: Map<string, Inputs>;
    changed: Set<string>;
    removed: Set<string>;
}

function targets(state: EditState, on: Target, inputsOf: (r: CapturedResource) => Inputs, stack: string): CapturedResource[] {
    const found = state.resources.filter((r) => matches(on, r, () => inputsOf(r)));
    if (found.length === 0) throw new EditError(`${describeTarget(on)} matches no resource of ${stack}`);
    return found;
}

function apply(snapshot: Snapshot, edit: Edit, state: EditState, inputsOf: (r: CapturedResource) => Inputs): void {
    switch (edit.kind) {
        case "set":
        case "unset": {
            const key = topLevelKey(edit.path);
            let changedHere = 0;
            for (const r of targets(state, edit.target, inputsOf, snapshot.stack)) {
                const before = inputsOf(r);
                const after = cloneJson(before);
                const count = edit.kind === "set" ? setAll(after, edit.path, edit.value) : unsetAll(after, edit.path);
                if (count === 0) throw new EditError(`${edit.path} reaches nothing in ${r.name}`);
                if (JSON.stringify(after) === JSON.stringify(before)) continue;
                changedHere++;
                state.inputs.set(r.urn, after);
                state.changed.add(r.urn);
                // A literal (or nothing) in place of a whole top-level input depends on no other resource.
                if (key !== undefined && r.propertyDependencies[key] !== undefined) {
                    const index = state.resources.indexOf(r);
                    state.resources[index] = { ...r, propertyDependencies: { ...r.propertyDependencies, [key]: [] } };
                }
            }
            if (changedHere === 0) throw new EditError(`${describeEdit(edit)} changes nothing: every target already has that value`);
            return;
        }
        case "remove-resource": {
            const gone = new Set(targets(state, edit.target, inputsOf, snapshot.stack).map((r) => r.urn));
            state.resources = state.resources.filter((r) => !gone.has(r.urn));
            gone.forEach((u) => state.removed.add(u));
            return;
        }
        case "add-resource": {
            const view = viewOf(snapshot, state.resources, inputsOf);
            const built = edit.build(view);
            for (const n of Array.isArray(built) ? built : [built as NewResource]) {
                const parent = n.parent ? state.resources.find((r) => r.urn === n.parent) : rootFor(state.resources, n.type);
                if (!parent) throw new EditError(`parent ${n.parent} of ${n.name} is not in ${snapshot.stack}`);
                const urn = urnOf(parent, n.type, n.name);
                if (state.resources.some((r) => r.urn === urn)) throw new EditError(`${urn} already exists`);
                state.resources.push({
                    urn,
                    type: n.type,
                    name: n.name,
                    custom: n.custom ?? true,
                    parent: parent.urn,
                    props: {},
                    dependencies: [...(n.dependencies ?? [])],
                    propertyDependencies: { ...(n.propertyDependencies ?? {}) },
                    protect: false,
                    retainOnDelete: false,
                    ignoreChanges: [],
                    additionalSecretOutputs: [],
                });
                state.inputs.set(urn, cloneJson(n.props));
                state.changed.add(urn);
            }
            return;
        }
        case "combined":
            for (const part of edit.edits) apply(snapshot, part, state, inputsOf);
            return;
    }
}

/** Values a path reaches on the resources a target matches (for rows that build on what the stack has). */
export function valuesAt(view: StackView, on: Target, path: string): Json[] {
    return view.all(on).flatMap((r) => getAll(r.inputs, path));
}
