/**
 * The keyboard of an interactive session, read once for the whole session and handed to the
 * questions one key at a time.
 *
 * Why: a prompt library opens a new reader per question and drops whatever is typed between two
 * questions (and the rest of a burst after the key that answered one). A secretary typing as fast as
 * the speaker talks types ahead. Here every key waits in a queue until a question is listening; after
 * each key the event loop turns once, so that the question has drawn the results for everything
 * typed before the next key arrives (Enter in a search applies to the whole text typed before it),
 * and a key that answers a question leaves the following keys for the next one.
 */
import { emitKeypressEvents, type Key } from 'node:readline';
import { PassThrough } from 'node:stream';

interface Pending {
  s: string | undefined;
  key: Key;
}

/** One question's keyboard: the stream its reader listens on, and what Esc does while it is open. */
export interface KeyTarget {
  input: PassThrough;
  onEscape?: () => void;
}

export class KeyQueue {
  private readonly queue: Pending[] = [];
  private target: KeyTarget | null = null;
  private pumping = false;
  private listening = false;
  private readonly onKey = (s: string | undefined, key: Key | undefined) => {
    this.queue.push({ s, key: key ?? { sequence: s, name: s } });
    void this.pump();
  };

  constructor(private readonly stdin: NodeJS.ReadStream) {}

  /** Starts reading the terminal (raw, so that every key arrives as it is typed). */
  start(): void {
    if (this.listening) return;
    // A lone Esc is told apart from the start of an arrow key after this long without a next byte.
    emitKeypressEvents(this.stdin, { escapeCodeTimeout: 100 } as never);
    this.stdin.setRawMode?.(true);
    this.stdin.on('keypress', this.onKey);
    this.stdin.resume();
    this.listening = true;
  }

  /** Stops reading the terminal (before an external editor takes it over, and at the end). */
  stop(): void {
    if (!this.listening) return;
    this.stdin.off('keypress', this.onKey);
    this.stdin.setRawMode?.(false);
    this.stdin.pause();
    this.listening = false;
  }

  /** A keyboard for the question about to be asked; the keys typed ahead go to it first. */
  open(onEscape?: () => void): KeyTarget {
    const input = new PassThrough();
    const target: KeyTarget = { input, onEscape };
    this.target = target;
    // Deliver after the question has drawn itself (its reader attaches synchronously).
    setImmediate(() => void this.pump());
    return target;
  }

  close(target: KeyTarget): void {
    if (this.target === target) this.target = null;
    target.input.end();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.target && this.queue.length) {
        const target = this.target;
        const { s, key } = this.queue.shift()!;
        if (key.name === 'escape') target.onEscape?.();
        else target.input.emit('keypress', s, key);
        // Let the question react (draw, search, finish) before the next key.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.pumping = false;
    }
  }
}
