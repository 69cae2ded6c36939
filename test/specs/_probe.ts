import { recogniseDates } from '../../server/src/core/dates';
const dct = process.argv[2];
for (const q of process.argv.slice(3)) console.log(q, JSON.stringify(recogniseDates(q, dct).map((s) => [q.slice(s.start, s.end), s.label, s.timex, s.mod])));
