/** The drag data type of media dragged from the bin to the timeline (its content fingerprint), never taken for dropped files. */
export const BIN_MEDIA_TYPE = 'application/x-spool-media';

export const carriesBinMedia = (e: DragEvent): boolean => e.dataTransfer?.types.includes(BIN_MEDIA_TYPE) === true;
