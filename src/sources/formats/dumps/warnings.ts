/** The things a reader skipped, capped so a file of a million broken lines can't flood the result. */

const MAX_WARNINGS = 50;

export class Warnings {
  private readonly kept: string[] = [];
  private dropped = 0;

  add(message: string): void {
    if (this.kept.length < MAX_WARNINGS) this.kept.push(message);
    else this.dropped += 1;
  }

  toArray(): string[] {
    return this.dropped === 0 ? [...this.kept] : [...this.kept, `…and ${this.dropped} more like these.`];
  }
}
