/**
 * The environment for npm and node children of a test. `npm test` exports the running script's
 * context (npm_config_local_prefix pointing at the repository, npm_package_*, npm_lifecycle_*), which
 * would make a child npm act on the repository instead of its own folder; the user's npm settings
 * (npm_config_cache, registry, ...) pass through, so a CI that moves the cache still works.
 */
const SCRIPT_CONTEXT = /^npm_(config_local_prefix$|package_|lifecycle_|command$)/i;

export function childEnvironment(): NodeJS.ProcessEnv {
    return Object.fromEntries(Object.entries(process.env).filter(([key]) => !SCRIPT_CONTEXT.test(key)));
}
