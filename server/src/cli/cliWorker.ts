// The per-input work of the corpus commands, run on worker threads by ./parallel.ts (or in the main thread with
// --jobs 1). Each function takes plain data and returns plain data (strings to print), so results cross threads
// cheaply and the main thread only orders and writes them.
export { analyzeFileTask as analyzeFile, analyzeLinesTask as analyzeLines } from './analyzeTasks';
export { checkFileTask as checkFile } from './checkTasks';
export { loadArticle } from '../formats/exportCorpus';
export { importDocument } from '../formats/importDataset';
