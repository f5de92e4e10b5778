/**
 * The API server tier (npm run test:apiserver): *.tier.ts against the control plane that
 * scripts/control-plane.sh starts. One worker: the stacks share one API server, one after another.
 */
module.exports = {
    rootDir: "../..",
    testEnvironment: "node",
    roots: ["<rootDir>/test/integration"],
    testMatch: ["**/*.tier.ts"],
    transform: {
        "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
    },
    maxWorkers: 1,
    testTimeout: 600000,
    reporters: ["default", "<rootDir>/tools/jest-summary-reporter.js"],
};
