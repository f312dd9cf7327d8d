/**
 * POST /open-apis/im/v1/files — upload a file the bot can then send as `msg_type: file`
 * (上传文件: multipart/form-data with file_type, file_name, file; at most 30 MB, not empty).
 * Error codes from the doc's table: 234001 invalid param, 234006 too large, 234010 empty file.
 */
import type { ApiRequest, EmuContext } from './context.js';
import { type ApiReply, fail, ok } from './responses.js';
import { ids } from './world.js';

/** Upload `file_type` values; video and audio (mp4, opus) are sent as media / audio messages. */
export const UPLOAD_FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);

const MAX_BYTES = 30 * 1024 * 1024;

/** POST /open-apis/im/v1/files (multipart). Keeps the bytes in `world.uploads` for tests to read back. */
export function uploadFile(ctx: EmuContext, req: ApiRequest): ApiReply {
  const parts = req.parts;
  if (!parts) return fail(400, 234001, 'Invalid request param. Content-Type must be multipart/form-data.');
  const field = (name: string) => parts.find((p) => p.name === name);
  const fileType = field('file_type')?.data.toString('utf8') ?? '';
  const fileName = field('file_name')?.data.toString('utf8') ?? '';
  const file = field('file');
  if (!UPLOAD_FILE_TYPES.has(fileType)) return fail(400, 234001, 'Invalid request param. ext=file_type');
  if (fileName === '') return fail(400, 234001, 'Invalid request param. ext=file_name');
  if (!file) return fail(400, 234001, 'Invalid request param. ext=file');
  if (file.data.length === 0) return fail(400, 234010, "File's size can't be 0.");
  if (file.data.length > MAX_BYTES) return fail(400, 234006, 'The file size exceed the max value.');
  const fileKey = ids.fileKey();
  ctx.world.uploads.set(fileKey, { fileKey, fileType, fileName, bytes: file.data, at: ctx.clock() });
  return ok({ file_key: fileKey });
}
