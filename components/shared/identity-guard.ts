import * as pulumi from "@pulumi/pulumi";

/**
 * What a failed identity guard throws: the run stops before any cloud resource is registered, and
 * the CLI prints the message without a stack trace. Each line names the config key and what the
 * credentials turned out to be.
 */
export function identityMismatch(lines: readonly string[]): pulumi.RunError {
    return new pulumi.RunError(
        `The credentials of this run are not the ones the stack is for; nothing was created:\n${lines.map((l) => `  - ${l}`).join("\n")}`,
    );
}
