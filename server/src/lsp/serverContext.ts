// What the server's features (tagging, diagnostics, export) get to build on: implemented by server.ts, which
// registers them. A module of its own so that the features do not import server.ts (no import cycle).
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Translate } from '../core/describe';
import type { Span } from '../core/types';
import type { DocumentAnalysis, DocumentView } from './documentAnalysis';
import type { NewsAnnotatorSettings } from './settings';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** The complete analysis (entities included) of an open document at its current version (on demand, cached). */
  analysis(uri: string): Promise<DocumentAnalysis | undefined>;
  /**
   * The same complete analysis as a view: read segment by segment (a segment unchanged by an edit keeps its spans
   * array), its list of every span built only on demand; its methods throw AnalysisCancelled once the document changed.
   */
  completeView(uri: string): Promise<DocumentView | undefined>;
  /** What is known now of an open document's analysis: figures and dates, entities of the paragraphs done so far. */
  currentAnalysis(uri: string): Promise<DocumentAnalysis | undefined>;
  /** Settings for a document (section newsAnnotator). */
  settings(uri: string): Promise<NewsAnnotatorSettings>;
  /** Stored tags to colour with the `confirmed` modifier; suggestions overlapping them are hidden. */
  setConfirmedSpans(provider: (uri: string) => readonly Pick<Span, 'start' | 'end' | 'label'>[]): void;
  /**
   * Which machine spans are still suggestions (rejected ones are not coloured): the filter for a document, or
   * undefined when all of them are (the default; tokens are then encoded paragraph by paragraph, see semanticTokens).
   */
  setSuggestionFilter(filter: (uri: string) => ((spans: readonly Span[]) => readonly Span[]) | undefined): void;
  /** Asks the client to re-request semantic tokens (after tags or settings change). */
  refreshSemanticTokens(): void;
  /** Workspace folder paths. */
  workspaceRoots(): string[];
  /**
   * Makes the entity recogniser use the workspace's own model (`.news-annotator/model/ner.bin` of the first workspace
   * folder that has one; learning/modelStore.ts) or else the shipped model, and when that changes the model drops the
   * cached analyses and refreshes the tokens. Call after an update or a revert of the workspace model. Returns the
   * model file now used (undefined: the shipped model).
   */
  reloadEntityModel(): string | undefined;
  t: Translate;
  /** The client's display language (initialize params), e.g. "zh-cn"; undefined before initialisation. */
  locale(): string | undefined;
  /** Called after the client reports changed settings (section newsAnnotator). */
  onDidChangeSettings(listener: () => void): void;
}
