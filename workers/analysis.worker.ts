import { expose } from 'comlink';
import { analyzeStages, type AnalysisStage } from '../src/analysis/analyze-asset.ts';

const canceled = new Set<string>();

expose({
  analyze(jobId: string, file: Blob, name: string, fingerprint: string, stages: AnalysisStage[], onProgress: (fraction: number) => void) {
    return analyzeStages(file, name, fingerprint, stages, () => canceled.has(jobId), onProgress).finally(() => canceled.delete(jobId));
  },
  cancel(jobId: string) {
    canceled.add(jobId);
  },
});
