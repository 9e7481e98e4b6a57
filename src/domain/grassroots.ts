/**
 * "All grassroots units" (cấp xã): since 01/07/2025 the wards, communes and special zones that a
 * city or provincial committee follows directly. One rule, used wherever a command says "all":
 * task add --all-units, meeting add --invite all-units, the minutes session, report compliance.
 */
import type { IsoDate } from './dates.js';

export const GRASSROOTS_KINDS = ['ward', 'commune', 'special-zone'] as const;
export type GrassrootsKind = (typeof GRASSROOTS_KINDS)[number];

export function isGrassrootsKind(kind: string): kind is GrassrootsKind {
  return (GRASSROOTS_KINDS as readonly string[]).includes(kind);
}

export interface UnitShape {
  id: number;
  kind: string;
  parentId: number | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface GrassrootsScope {
  /** The day in question: only units that exist on it (absent when the caller already took that day's units). */
  on?: IsoDate;
  /** The organising or assigning committee: its units (at any depth) when it has some, else every unit. */
  committeeId?: number | null;
  /** Narrowing asked for by the user (`--under UNIT`): only units below this one, at any depth. */
  underId?: number | null;
  /** Narrowing asked for by the user (`--kind commune`): a subset of the grassroots kinds. */
  kinds?: readonly string[];
}

/**
 * The grassroots units of a scope, from every unit known. A committee without grassroots units of
 * its own (a meeting organised by an agency) falls back to all of them, as the office means "all".
 */
export function selectGrassroots<U extends UnitShape>(units: readonly U[], scope: GrassrootsScope): U[] {
  const kinds = scope.kinds?.length ? scope.kinds : GRASSROOTS_KINDS;
  const byId = new Map(units.map((u) => [u.id, u]));
  const below = (u: U, ancestorId: number): boolean => {
    const seen = new Set<number>();
    for (let p = u.parentId; p !== null && !seen.has(p); p = byId.get(p)?.parentId ?? null) {
      if (p === ancestorId) return true;
      seen.add(p);
    }
    return false;
  };
  let out = units.filter(
    (u) =>
      kinds.includes(u.kind) &&
      isGrassrootsKind(u.kind) &&
      (scope.on === undefined || ((u.validFrom === null || u.validFrom <= scope.on) && (u.validTo === null || u.validTo >= scope.on))),
  );
  if (scope.underId != null) out = out.filter((u) => below(u, scope.underId!));
  if (scope.committeeId != null) {
    const under = out.filter((u) => below(u, scope.committeeId!));
    if (under.length) out = under;
  }
  return out;
}
