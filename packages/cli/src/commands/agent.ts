import { agentOptions, AgentConfigError, startAgent, type AgentConfig } from '@skein/agent';
import { ConfigError, createLogger, GracefulShutdown, loadConfig } from '@skein/runtime';
import type { SkeinCommand } from './command.js';

/** Extra time past the agent's own shutdown timeout before the process exits regardless. */
const EXIT_GRACE_MS = 10_000;

/** `skein agent`: Jaeger's UDP ports and 5778 next to applications, forwarding to collectors over gRPC. */
export const agentCommand: SkeinCommand = {
  name: 'agent',
  summary: 'receive UDP spans next to applications and forward them to collectors',
  adminPort: 14271,
  options: agentOptions,
  async run(flags) {
    let config: AgentConfig;
    try {
      config = loadConfig(agentOptions, flags) as AgentConfig;
    } catch (error) {
      if (error instanceof ConfigError) {
        process.stderr.write(`skein agent: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
    const logger = createLogger({ component: 'agent', level: config.logLevel });
    const shutdown = new GracefulShutdown(logger, config.shutdownTimeout + EXIT_GRACE_MS);
    shutdown.installProcessHandlers();
    let handle;
    try {
      handle = await startAgent(config, { logger });
    } catch (error) {
      if (error instanceof AgentConfigError) {
        process.stderr.write(`skein agent: ${error.message}\n`);
        return 2;
      }
      logger.fatal({ err: error }, 'agent failed to start');
      return 1;
    }
    shutdown.add('agent', () => handle.stop());
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutdown.shutdown(signal).then(resolve));
    });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  },
};
