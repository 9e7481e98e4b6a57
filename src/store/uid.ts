/**
 * A new record uid (migration 9's UUIDv7: 48 bits of Unix milliseconds, version 7, variant 10,
 * random bits; lowercase, hyphenated), made here so that an INSERT can carry it. Given this way the
 * row is written once; left out, the schema's trigger gives it by updating the row just written,
 * which costs a bulk import about as much as the insert itself. The random part is that of
 * randomUUID (its variant bits included), the first 13 characters and the version are replaced.
 * Node's crypto is reached through the global, loaded on the first call: importing node:crypto
 * would load it (and the streams it needs) at every start-up, about 5 ms.
 */
export function newUid(now: number = Date.now()): string {
  const ms = now.toString(16).padStart(12, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${globalThis.crypto.randomUUID().slice(15)}`;
}
