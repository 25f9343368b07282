export { main, buildProgram, optionsOf } from './main.js';
export { COMMANDS } from './commands/registry.js';
export type { SkeinCommand } from './commands/command.js';
