export { main, buildProgram, optionsOf } from './main.js';
export { COMMANDS } from './commands/registry.js';
export { EXIT_NOT_BUILT, notBuiltYet, type SkeinCommand } from './commands/command.js';
