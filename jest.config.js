/**
 * Type-checking is done once by `tsc --noEmit` in CI; ts-jest only transpiles here. One worker per core:
 * Jest's default (cores - 1) leaves one of CI's two cores to an idle parent process.
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
    reporters: ["default", "<rootDir>/tools/jest-summary-reporter.js"],
};
