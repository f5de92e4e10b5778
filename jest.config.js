/** Type-checking is done once by `tsc --noEmit` in CI; ts-jest only transpiles here. */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    testMatch: ["**/*.test.ts"],
    transform: {
        "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
    },
    testTimeout: 60000,
  reporters: ["default", "<rootDir>/tools/jest-summary-reporter.js"],
};
