// Jest orders tests before it runs the global setup; this is the one hook that sees which test files were
// selected, so it records them (in the environment of this, the parent process) for the global setup to start
// only the servers those files declare.
const Sequencer = require('@jest/test-sequencer').default;

class SkeinSequencer extends Sequencer {
  sort(tests) {
    process.env.SKEIN_SELECTED_TEST_FILES = JSON.stringify(tests.map((test) => test.path));
    return super.sort(tests);
  }
}

module.exports = SkeinSequencer;
