// Copies and hashes local files with synchronous calls on a worker thread: one message per
// recording instead of a dozen promise round trips through libuv's pool of four threads, and
// the SHA-256 work spread over the cores. Plain JavaScript so that it loads without tsx.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  futimesSync,
  linkSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';

const buffer = Buffer.allocUnsafeSlow(1024 * 1024);

/** An error that says which side failed: the recording (source) or the destination. */
function failure(side, error) {
  return {
    side,
    code: typeof error?.code === 'string' ? error.code : undefined,
    message: String(error?.message ?? error),
  };
}

function hashOpen(fd) {
  const hash = createHash('sha256');
  let size = 0;
  for (;;) {
    const read = readSync(fd, buffer, 0, buffer.length, size);
    if (read === 0) break;
    hash.update(buffer.subarray(0, read));
    size += read;
  }
  return { size, sha256: hash.digest('hex') };
}

function sourceStat(path) {
  try {
    const info = statSync(path);
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return undefined;
  }
}

function hashFile(path, side) {
  let fd;
  try {
    fd = openSync(path, 'r');
    return { ok: hashOpen(fd) };
  } catch (error) {
    return { error: failure(side, error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Copy → set the date; returns what was read and the source before and after. The copy is
 * flushed later with the rest of its batch (`flushFiles`, or one syncfs), then read back
 * (`hashMany`): one flush per file, right after its copy, would leave the thread waiting on
 * the disk instead of copying the next recording.
 */
function copy({ source, target, mtimeMs }) {
  const sourceBefore = sourceStat(source);
  if (sourceBefore === undefined)
    return { error: failure('source', new Error('the recording is no longer in the source folder')) };
  let created;
  try {
    created = mkdirSync(dirname(target), { recursive: true });
  } catch (error) {
    return { error: failure('destination', error) };
  }
  let input;
  let output;
  let read;
  try {
    try {
      input = openSync(source, 'r');
    } catch (error) {
      return { error: failure('source', error) };
    }
    try {
      output = openSync(target, 'w');
    } catch (error) {
      return { error: failure('destination', error) };
    }
    const hash = createHash('sha256');
    let size = 0;
    for (;;) {
      let count;
      try {
        count = readSync(input, buffer, 0, buffer.length, size);
      } catch (error) {
        return { error: failure('source', error) };
      }
      if (count === 0) break;
      hash.update(buffer.subarray(0, count));
      try {
        writeSync(output, buffer, 0, count, size);
      } catch (error) {
        return { error: failure('destination', error) };
      }
      size += count;
    }
    read = { size, sha256: hash.digest('hex') };
    try {
      const seconds = mtimeMs / 1000;
      futimesSync(output, seconds, seconds);
    } catch (error) {
      return { error: failure('destination', error) };
    }
  } finally {
    if (input !== undefined) closeSync(input);
    if (output !== undefined) closeSync(output);
  }
  const sourceAfter = sourceStat(source);
  return { ok: { read, sourceBefore, sourceAfter, created } };
}

/** Size and SHA-256 of files read back at the destination, in one message; the first failure ends it. */
function hashMany({ paths }) {
  const facts = [];
  for (const path of paths) {
    const hashed = hashFile(path, 'destination');
    if (hashed.error) return hashed;
    facts.push(hashed.ok);
  }
  return { ok: facts };
}

/** Flushes files' data to stable storage; returns, for each, the error that kept it, or null. */
function flushFiles({ paths }) {
  return {
    ok: paths.map((path) => {
      let fd;
      try {
        // Opened for writing: Windows flushes only a handle that may write.
        fd = openSync(path, 'r+');
        fsyncSync(fd);
        return null;
      } catch (error) {
        return failure('destination', error);
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    }),
  };
}

/** Errors of link() where the file system has no hard links: the caller renames after a check instead. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/** Gives `from` the name `to` unless `to` exists: link() refuses a taken name where rename() would replace it. */
function publish({ from, to }) {
  try {
    linkSync(from, to);
  } catch (error) {
    if (error?.code === 'EEXIST') return { ok: 'exists' };
    if (NO_HARD_LINKS.has(error?.code)) return { ok: 'no-hard-links' };
    return { error: failure('destination', error) };
  }
  try {
    unlinkSync(from);
  } catch (error) {
    return { error: failure('destination', error) };
  }
  return { ok: 'published' };
}

/** `publish` for each pair, in one message: each gives its outcome or its error. */
function publishMany({ pairs }) {
  return { ok: pairs.map((pair) => publish(pair)) };
}

/** Errors of fsync on a folder where the platform or file system cannot do it (Windows, some network mounts). */
const NO_FOLDER_SYNC = new Set(['EISDIR', 'EPERM', 'EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'EBADF', 'EACCES']);

/** Flushes a folder's entries (new names) to stable storage where the platform allows it. */
function syncFolder({ folder }) {
  let fd;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch (error) {
    if (!NO_FOLDER_SYNC.has(error?.code)) return { error: failure('destination', error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return { ok: true };
}

/** Deletes files; returns, for each, the error code that kept it, or null. */
function unlinkMany({ paths }) {
  return {
    ok: paths.map((path) => {
      try {
        unlinkSync(path);
        return null;
      } catch (error) {
        return error?.code === 'ENOENT' ? null : `${error?.code ?? 'error'}: ${error?.message ?? error}`;
      }
    }),
  };
}

const OPS = {
  copy,
  flushFiles,
  hashMany,
  publishMany,
  syncFolder,
  unlinkMany,
  hash: (args) => hashFile(args.path, args.side),
};

parentPort.on('message', ({ id, op, args }) => {
  let result;
  try {
    result = OPS[op](args);
  } catch (error) {
    result = { error: failure('destination', error) };
  }
  parentPort.postMessage({ id, ...result });
});
