/**
 * Type-checking is done once by `tsc --noEmit` in CI; ts-jest only transpiles here. One worker per core:
 * Jest's default (cores - 1) leaves one of CI's two cores to an idle parent process.
 *
 * A worker is replaced after any test file that leaves more than 512 MB of heap in use. Each test file runs
 * whole stacks under the SDK's mocks in a fresh module registry, and a long-lived worker's resident memory
 * grew by ~150 MB per file outside the V8 heap (6 GB after 27 files in one process; two workers reached
 * 12 GB each and the kernel killed one on a 24 GB CI machine). With replacement the peak is about 2 GB per
 * worker and the suite runs faster (less time in garbage collection).
 */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    testMatch: ["**/*.test.ts"],
    transform: {
        "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
    },
    testTimeout: 60000,
    maxWorkers: "100%",
    workerIdleMemoryLimit: "512MB",
    reporters: ["default", "<rootDir>/tools/jest-summary-reporter.js"],
};
