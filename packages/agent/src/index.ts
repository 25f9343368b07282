export { startAgent, AgentConfigError, type AgentDeps, type AgentHandle } from './agent.js';
export { agentOptions, agentCoreOptions, UDP_PROCESSORS, type AgentConfig } from './options.js';
export { parseAgentTags } from './agent-tags.js';
