import { putInInbox } from '../storage/inbox.ts';

/** The manifest's share_target action: the system POSTs shared files here (multipart, field `media`). */
export const SHARE_ACTION = '/share-target';
export const SHARE_FILES_FIELD = 'media';
export const SHARED_MARKER = 'shared';

/** Keeps the shared files in the OPFS inbox, then sends the browser to the app (303: GET), which imports them. */
export async function receiveShare(request: Request): Promise<Response> {
  const form = await request.formData();
  const files = form.getAll(SHARE_FILES_FIELD).filter((value): value is File => value instanceof File && value.size > 0);
  await putInInbox(files);
  return Response.redirect(`/?${SHARED_MARKER}=1`, 303);
}
