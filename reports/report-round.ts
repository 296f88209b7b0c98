import type { JsonSchema, RuleContext } from '../engine/index.ts';

/**
 * The part of a compiled round the reports read. A `Round` from the registry fits; the benchmark
 * passes a synthetic one with many more organisations.
 */
export interface ReportRound {
  readonly id: string;
  readonly title: string;
  readonly settings: Readonly<JsonSchema>;
  readonly tables: RuleContext['$tables'];
}
