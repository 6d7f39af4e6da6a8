// Jest reporter that writes the run's totals to .jest-results.json, so .ci/run can print the plain
// "N passed, N failed" line CI reads. Suites that could not run (syntax or import errors) count as failed.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      suites: results.numTotalTestSuites,
      failedSuites: results.numFailedTestSuites,
      success: results.success,
    };
    writeFileSync(join(this.rootDir, '.jest-results.json'), JSON.stringify(summary, null, 2));
  }
}

module.exports = SummaryReporter;
