/**
 * The pack-config switch of a policy whose guarantee only some environments require (in-transit encryption,
 * deletion protection): `required`, true by default, false in the dev and staging pack configs. `what` ends
 * the description: "Require <what> (prod); false where ...".
 */
export function requiredConfig(what: string, otherwise: string) {
    return {
        required: {
            type: "boolean",
            default: true,
            description: `Require ${what} (prod); false where ${otherwise}.`,
        },
    } as const;
}

/** False only when the pack config turns the requirement off for this environment. */
export function isRequired(args: { getConfig<T extends object>(): T }): boolean {
    return args.getConfig<{ required?: boolean }>().required !== false;
}
