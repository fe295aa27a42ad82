// How much of a window's evidence is shared with other windows of the same kind of text, measured on
// unit identities alone (no colours).
//
// Why it matters: for a fixed key, a unit's colour is fixed; over random keys it is Bernoulli(γ),
// independently for distinct units. Within one corpus the green count of a window is
// Σ_u c_u·[u ∈ window], so the corpus's mean green rate is off from γ by Σ_u π_u (c_u − γ) / n̄, where
// π_u is the share of the corpus's windows that contain u and n̄ their mean number of units. Over keys
// that shift has mean 0 and standard deviation
//     τ = √(γ(1 − γ)) · √(Σ_u π_u²) / n̄ ,
// and Σ_u π_u² is simply the expected number of units two windows of the corpus share. So the
// dispersion of the per-key bias can be read off the text without computing a single green list:
// `share` below is √(Σ π_u²) / n̄, and τ = √(γ(1 − γ)) · share.

export interface SharedUnits {
  windowTokens: number;
  windows: number;
  /** Mean number of distinct units per window (after exclusion). */
  meanUnits: number;
  /** √(Σ_u π_u²) / meanUnits, with Σ π_u² estimated without bias as Σ c_u(c_u − 1) / (m(m − 1)). */
  share: number;
}

/**
 * Shared-unit statistic of non-overlapping windows of `windowTokens` positions cut from `units` (unit
 * ids per position of a token stream, as positionUnitIds gives them; NaN = no unit), leaving out units
 * in `exclude`. `contextWidth` positions at the start of each window are skipped: a window scored on
 * its own has no context for them. Needs at least two windows.
 */
export function sharedUnits(
  units: Float64Array,
  windowTokens: number,
  contextWidth: number,
  exclude: { has(unit: number): boolean } | null,
): SharedUnits | null {
  const m = Math.floor(units.length / windowTokens);
  if (m < 2) return null;
  const windowsContaining = new Map<number, number>();
  const seen = new Set<number>();
  let totalUnits = 0;
  for (let w = 0; w < m; w++) {
    seen.clear();
    for (let t = w * windowTokens; t < (w + 1) * windowTokens; t++) {
      const u = units[t];
      if (Number.isNaN(u) || t - w * windowTokens < contextWidth) continue;
      if (exclude?.has(u)) continue;
      seen.add(u);
    }
    totalUnits += seen.size;
    for (const u of seen) windowsContaining.set(u, (windowsContaining.get(u) ?? 0) + 1);
  }
  let pairs = 0;
  for (const c of windowsContaining.values()) pairs += c * (c - 1);
  const meanUnits = totalUnits / m;
  const sumPi2 = pairs / (m * (m - 1));
  return { windowTokens, windows: m, meanUnits, share: meanUnits > 0 ? Math.sqrt(sumPi2) / meanUnits : 0 };
}
