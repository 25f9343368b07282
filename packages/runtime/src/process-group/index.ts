export { startProcessGroup, type ProcessGroupHandle, type ProcessGroupSettings } from './primary.js';
export { serveGroupPrimary, type GroupMember } from './worker.js';
export { PROCESS_NUMBER_ENV, type Addresses } from './messages.js';
export { parseProcesses, processesOption } from './processes-option.js';
