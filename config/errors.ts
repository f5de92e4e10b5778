/** One bad config key: which key, what it was given, and what is allowed instead. */
export interface ConfigProblem {
    readonly key: string;
    readonly value: unknown;
    readonly allowed: string;
}

/**
 * Every problem found in a stack's config, reported at once. Its message names each key, the
 * value given and what is allowed. `index.ts` turns it into a Pulumi `RunError`, which the CLI
 * prints without a stack trace.
 */
export class ConfigError extends Error {
    constructor(readonly problems: readonly ConfigProblem[]) {
        super(formatProblems(problems));
        this.name = "ConfigError";
    }
}

export function describeValue(value: unknown): string {
    if (value === undefined) return "(not set)";
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function formatProblems(problems: readonly ConfigProblem[]): string {
    const lines = problems.map((p) => `  - ${p.key}: got ${describeValue(p.value)}; allowed: ${p.allowed}`);
    const noun = problems.length === 1 ? "problem" : "problems";
    return `The stack config has ${problems.length} ${noun}:\n${lines.join("\n")}`;
}
