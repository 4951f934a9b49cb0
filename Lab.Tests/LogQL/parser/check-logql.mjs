// Reads a JSON array of LogQL queries on stdin and prints, for each, whether Grafana's LogQL grammar
// (@grafana/lezer-logql, the parser of Grafana's Loki query editor) accepts it: [{"query", "error"}], error being
// null or "syntax error at <offset>: <text from there>". Exit code 0 even when a query is refused: the caller decides.
import { parser } from '@grafana/lezer-logql';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const queries = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const results = queries.map((query) => {
  let errorAt = -1;
  parser.parse(query).iterate({
    enter: (node) => {
      if (errorAt < 0 && node.type.isError) errorAt = node.from;
    },
  });
  return { query, error: errorAt < 0 ? null : `syntax error at ${errorAt}: ${query.slice(errorAt, errorAt + 40)}` };
});
process.stdout.write(JSON.stringify(results));
