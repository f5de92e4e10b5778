/**
 * Binary Authorization allow-list patterns from the trusted registry prefixes. A pattern ending in
 * "**" matches across path segments; the prefix is closed with "/" first, so "ghcr.io/acme" does not
 * also admit "ghcr.io/acme-evil/...".
 */
export function admissionPattern(registryPrefix: string): string {
    const closed = registryPrefix.endsWith("/") ? registryPrefix : `${registryPrefix}/`;
    return `${closed}**`;
}

export function admissionPatterns(trustedRegistries: readonly string[]): string[] {
    return [...new Set(trustedRegistries.map(admissionPattern))];
}
