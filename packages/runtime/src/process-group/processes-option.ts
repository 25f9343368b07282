import { availableCores } from '../available-cores.js';
import { option } from '../option.js';

/** A process count: a whole number from 1 to 256, or `auto` for the cores this container may use. */
export function parseProcesses(raw: string): number {
  if (raw.trim() === 'auto') return availableCores();
  const count = Number(raw.trim());
  if (!Number.isInteger(count) || count < 1 || count > 256) throw new Error(`"${raw}" is neither auto nor a whole number from 1 to 256`);
  return count;
}

/** `--<command>.processes`: how many processes run the command, sharing its ports (default 1). */
export function processesOption(flag: string, what: string) {
  return option({
    flag,
    description: `${what} processes, so that one ${what} uses several cores: a number, or auto for the cores this container may use (its CPU limit)`,
    parse: parseProcesses,
    defaultValue: 1,
    valueName: '<n|auto>',
  });
}
