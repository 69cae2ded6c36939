// Where a file the extension ships in server/models is found: from the sources (server/src/<folder> -> ../../models)
// or from a bundle (dist/server -> ../../server/models). An environment variable names another file instead.
import * as fs from 'fs';
import * as path from 'path';

/** The path of server/models/`file`, or $`envVariable` when it is set. */
export function shippedModelPath(file: string, envVariable: string): string {
  const fromEnv = process.env[envVariable];
  if (fromEnv) return fromEnv;
  const candidates = [path.resolve(__dirname, '..', '..', 'models', file), path.resolve(__dirname, '..', '..', 'server', 'models', file)];
  return candidates.find((p) => fs.existsSync(p)) ?? candidates[0];
}
