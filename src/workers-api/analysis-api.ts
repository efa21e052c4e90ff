import type { AnalysisStage, AssetAnalysis } from '../analysis/analyze-asset.ts';

/** An analysis worker's API. */
export interface AnalysisApi {
  analyze(jobId: string, file: Blob, name: string, fingerprint: string, stages: AnalysisStage[], onProgress: (fraction: number) => void): Promise<Partial<Record<AnalysisStage, AssetAnalysis>>>;
  cancel(jobId: string): void;
}
