import { HubProblemError, HubUnreachableError } from './hub/hub-problem';
import { UsageError } from './usage-error';

/**
 * What the user reads when a command fails: the hub's problem (status, title, detail, each bad
 * field) and what to do; with --json, the problem document itself on stderr as well.
 */
export function describeError(error: unknown, json: boolean): string {
  if (error instanceof HubProblemError) {
    const { problem, status } = error;
    const lines = [`Error ${status} ${problem.title ?? ''}: ${problem.detail ?? 'no detail'}`.replace(/ +:/, ':')];
    for (const field of problem.errors ?? []) lines.push(`  - ${field.field ?? '(body)'}: ${field.message ?? ''}`);
    lines.push(`What to do: ${error.whatToDo}`);
    if (json) lines.push(JSON.stringify(problem));
    return lines.join('\n');
  }
  if (error instanceof HubUnreachableError) return `Error: ${error.message}\nWhat to do: ${error.whatToDo}`;
  if (error instanceof UsageError) return `Error: ${error.message}`;
  return `Unexpected error: ${(error as Error)?.stack ?? String(error)}`;
}
