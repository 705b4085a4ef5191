import type { Command } from 'commander';
import { resolveConnection } from './hub/connection';
import { connectToHub, type Hub } from './hub/hub-client';

/** What every command's action works with. */
export interface CommandContext {
  hub: Hub;
  /** `--json`: print the API's answers as JSON, for scripts. */
  json: boolean;
  /** Prints `data` as JSON with --json, else the human form `human()` builds. */
  show(data: unknown, human: () => string): void;
  /** Says so on stderr and makes the command exit with 1 (a failed check, a failed run). */
  fail(message?: string): void;
}

/** The global options (`--url`, `--api-key`, `--json`), wherever they were given on the line. */
interface GlobalOptions {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

/**
 * Wraps a command's action: resolves the connection from the global options and the environment
 * and hands the action a context. Commander passes the arguments, then the options, then the
 * command itself.
 */
export function withHub<Args extends unknown[]>(action: (context: CommandContext, ...args: Args) => Promise<void>) {
  return async (...received: unknown[]): Promise<void> => {
    const command = received[received.length - 1] as Command;
    const globals = command.optsWithGlobals<GlobalOptions>();
    const context: CommandContext = {
      hub: connectToHub(resolveConnection(globals)),
      json: globals.json === true,
      show(data, human) {
        process.stdout.write(`${context.json ? JSON.stringify(data, null, 2) : human()}\n`);
      },
      fail(message) {
        if (message) process.stderr.write(`${message}\n`);
        process.exitCode = 1;
      },
    };
    await action(context, ...(received.slice(0, -1) as Args));
  };
}
