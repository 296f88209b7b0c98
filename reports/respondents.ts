// The population is round data the engine reads too (seeding organisations, tying answers to the
// login), so it lives there; this re-export keeps the reports' own imports as they were.
export { respondentsOf, type Respondent, type RespondentPopulation, type RespondentWords } from '../engine/index.ts';
