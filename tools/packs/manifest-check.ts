import { HOST_DEPENDENCIES, PackManifest } from "./layout";

const EXACT_VERSION = /^\d+\.\d+\.\d+$/;

/**
 * What is wrong with a pack's declared npm dependencies, given what its bundle requires: every
 * external package and the policy host's SDK declared, nothing else, each at an exact version.
 */
export function dependencyProblems(manifest: PackManifest, externalPackages: readonly string[]): string[] {
    const declared = Object.keys(manifest.dependencies ?? {});
    const needed = new Set([...externalPackages, ...HOST_DEPENDENCIES]);
    const problems: string[] = [];
    for (const name of [...needed].sort()) {
        if (!declared.includes(name)) problems.push(`${name}: required by the bundle or the policy host but not declared`);
    }
    for (const name of declared) {
        if (!needed.has(name)) problems.push(`${name}: declared but the bundle never requires it`);
        const version = manifest.dependencies[name];
        if (!EXACT_VERSION.test(version)) problems.push(`${name}: got ${version}; allowed: an exact version`);
    }
    if (manifest.devDependencies && Object.keys(manifest.devDependencies).length > 0) {
        problems.push("devDependencies: a published pack installs none; build tools live at the repository root");
    }
    return problems;
}
