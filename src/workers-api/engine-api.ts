import type { Engine } from '../engine/engine.ts';

/** The engine worker's API as the UI sees it through comlink. */
export type EngineApi = Pick<Engine, 'probe' | 'addAsset' | 'removeAsset' | 'attachPreview' | 'showFrame' | 'stillFrame' | 'sourceStill' | 'onNotice' | 'useCompositorHost' | 'setPreviewBox' | 'setRenderer' | 'play' | 'setPlaybackClock' | 'stopPlayback' | 'exportProject' | 'cancelExport' | 'encodableVideoCodecs' | 'canEncodeAac' | 'exportPaths'>;
