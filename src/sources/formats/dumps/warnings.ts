/** The things a reader skipped, capped so a file of a million broken lines can't flood the result. */

const MAX_WARNINGS = 50;
/** Notes quote ids and keys from the file; a 10 kB key must not make a 10 kB line on screen. */
const MAX_NOTE_CHARS = 200;

export class Warnings {
  private readonly kept: string[] = [];
  private dropped = 0;

  add(message: string): void {
    if (this.kept.length < MAX_WARNINGS) this.kept.push(message.length > MAX_NOTE_CHARS ? `${message.slice(0, MAX_NOTE_CHARS - 1)}…` : message);
    else this.dropped += 1;
  }

  toArray(): string[] {
    return this.dropped === 0 ? [...this.kept] : [...this.kept, `…and ${this.dropped} more like these.`];
  }
}
