// Prints the plain closing line "N passed, N failed" (and skipped) that CI reads, after Jest's own summary.
class SummaryReporter {
    onRunComplete(_contexts, results) {
        const skipped = results.numPendingTests + results.numTodoTests;
        process.stdout.write(`\nTests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`);
    }
}
module.exports = SummaryReporter;
