// Jest runs each test file in its own VM context, whose Uint8Array/ArrayBuffer differ from the ones Node's
// Buffer and TextEncoder return. Codec code checks `instanceof Uint8Array`, so the test context shares the
// host realm's binary classes: what a test sees is then what production code sees.
const { TestEnvironment } = require('jest-environment-node');

const SHARED_GLOBALS = ['Uint8Array', 'ArrayBuffer', 'DataView', 'TextEncoder', 'TextDecoder'];

class SkeinNodeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED_GLOBALS) this.global[name] = globalThis[name];
  }
}

module.exports = SkeinNodeEnvironment;
