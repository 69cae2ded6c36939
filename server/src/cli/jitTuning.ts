// V8's optimising compiler tuned for the CLI's batch runs. The recognisers and the entity tagger are large functions
// with many branches that a given text seldom takes. With V8's default interrupt budget (66 KiB of bytecode run
// before a function's hotness is checked) TurboFan optimises them after a few lines of input, then meets a branch it
// has no type feedback for, deoptimises, and compiles again: on 8,000 MSRA lines (`analyze --jsonl --jobs 1`) 275
// TurboFan compilations and 110 deoptimisations, whose compile threads took 2.5 s of CPU beside 3.3 s of analysis.
// Each worker thread of --jobs N compiles its own copy, so that cost is paid N times. Checking hotness 9× less often
// lets the functions gather feedback on more input first: 73 compilations, 15 deoptimisations, 0.6 s of compile CPU
// on the same lines (node --trace-opt --trace-deopt, and CPU per thread from /proc; see test/bench/HISTORY.md).
// V8 flags are per process, not per thread (worker execArgv may not carry them), so they are set here, before any
// analysis runs, for the main thread and every worker thread it starts. A budget given on node's command line or in
// NODE_OPTIONS is left as it is.
import * as v8 from 'v8';

export const CLI_INTERRUPT_BUDGET = 600_000;

export function tuneJitForBatchRuns(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): void {
  const given = (s: string) => /--interrupt[-_]budget\b(?!-)/.test(s);
  if (execArgv.some(given) || given(nodeOptions)) return;
  v8.setFlagsFromString(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
}
