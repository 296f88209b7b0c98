/**
 * Property tests draw the same cases on every run, so a red run can be repeated exactly.
 * `FC_SEED=<number>` draws others; `FC_SEED=random` a fresh set each run (for exploring locally).
 */
import fc from 'fast-check';

const chosen = process.env.FC_SEED;
const seed = chosen === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(chosen ?? 20261202);
if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", not ${chosen}`);
if (chosen === 'random') console.log(`fast-check seed ${seed}`);
fc.configureGlobal({ seed });
