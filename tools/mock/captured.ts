/**
 * One resource as the engine would see it at registration: what the program asked for, before any
 * cloud answers. Props are in the engine's wire form (unknowns as sentinels, secrets wrapped), so the
 * policy evaluator can present them exactly as the CLI's policy host does.
 */
export interface CapturedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** False for ComponentResources. */
    readonly custom: boolean;
    readonly parent?: string;
    /** Provider reference, "<provider urn>::<id>", when one was given explicitly. */
    readonly provider?: string;
    readonly props: Record<string, unknown>;
    readonly dependencies: readonly string[];
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly ignoreChanges: readonly string[];
    readonly additionalSecretOutputs: readonly string[];
    readonly deleteBeforeReplace?: boolean;
    /** The `import` resource option: the id of an existing cloud resource to adopt. */
    readonly importId?: string;
    /** The stack the resource was registered in, when a tool ran several (a cluster stack and its baseline stack). */
    readonly stack?: string;
}
