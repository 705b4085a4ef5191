/** Prints the demo's numbered steps and what each one did, indented under it. */
export class StepPrinter {
  private count = 0;

  constructor(private readonly write: (text: string) => void = (text) => process.stdout.write(text)) {}

  /** A new step: its title and the REST call(s) it makes. */
  step(title: string, calls?: string): void {
    this.count += 1;
    this.write(`\n${String(this.count).padStart(2)}. ${title}${calls ? `\n    ${calls}` : ''}\n`);
  }

  /** One result of the current step. */
  detail(text: string): void {
    this.write(`    ${text.split('\n').join('\n    ')}\n`);
  }

  /** Plain text outside the steps (headers, the report). */
  line(text = ''): void {
    this.write(`${text}\n`);
  }
}

/** 12345 → "12,345". */
export function n(value: number): string {
  return value.toLocaleString('en-US');
}
