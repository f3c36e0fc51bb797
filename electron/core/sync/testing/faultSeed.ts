import { randomInt } from 'node:crypto';

/**
 * A seeded source of fault positions, so a failing run replays: the test prints its seed, and
 * CAREDESK_FAULT_SEED=<seed> runs the same faults again. mulberry32 (Tommy Ettinger's 32-bit
 * generator) gives uniform 32-bit integers; an offset in [0, n) is taken with integer arithmetic
 * (BigInt, floor(u * n / 2^32)), never through a float product that rounds above 2^53. The old
 * linear congruential generator here multiplied 31-bit numbers in doubles, so past 2^53 the low
 * bits were lost and every offset came out a multiple of 8.
 */
export interface FaultDice {
  readonly seed: number;
  /** An integer in [0, n), n a positive safe integer. */
  below(n: number): number;
  /** An integer in [low, high], both inclusive. */
  between(low: number, high: number): number;
}

export function faultDice(seed = Number(process.env.CAREDESK_FAULT_SEED ?? randomInt(2 ** 31))): FaultDice {
  let state = seed >>> 0;
  const next32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const below = (n: number): number => {
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`below(${n}): need a positive safe integer`);
    // Two draws make 64 random bits, enough for any body length without bias that matters here.
    const u = (BigInt(next32()) << 32n) | BigInt(next32());
    return Number((u * BigInt(n)) >> 64n);
  };
  return { seed, below, between: (low, high) => low + below(high - low + 1) };
}
