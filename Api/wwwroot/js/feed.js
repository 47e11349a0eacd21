// The live monitoring feed as server-sent events, read with fetch() and a stream reader rather than EventSource:
// EventSource cannot send the Authorization header, and the alternatives (the key in the URL, or a second kind of
// token minted for it) would put a credential in URLs and logs or add a credential type. fetch() sends the same
// header as every other call; this file parses the frames (WHATWG "server-sent events": event, id, data, comments)
// and reconnects with Last-Event-ID itself.

export const stats = { frames: 0, segments: 0, incidents: 0, heartbeats: 0, dropped: 0, openedAt: 0 };
globalThis.glanceFeedStats = stats;

export function openFeed(path, headers, handlers) {
  const controller = new AbortController();
  let lastEventId = null;
  let retryMs = 3000;
  let stopped = false;

  async function run() {
    while (!stopped) {
      try {
        const requestHeaders = { ...headers, Accept: 'text/event-stream' };
        if (lastEventId !== null) requestHeaders['Last-Event-ID'] = lastEventId;
        const response = await fetch(path, { headers: requestHeaders, signal: controller.signal, cache: 'no-store' });
        if (response.status === 401 || response.status === 403) { handlers.onUnauthorized?.(); return; }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        stats.openedAt ||= performance.now();
        handlers.onStatus?.('live');
        await readFrames(response.body, frame => {
          if (frame.retry) { retryMs = frame.retry; return; }
          if (frame.comment) { stats.heartbeats++; return; }
          if (frame.id !== null) lastEventId = frame.id;
          stats.frames++;
          if (frame.type === 'segment') stats.segments++;
          if (frame.type === 'incident') stats.incidents++;
          if (frame.type === 'dropped') stats.dropped++;
          handlers.onFrame(frame.type, JSON.parse(frame.data));
        });
      } catch (error) {
        if (stopped) return;
        handlers.onStatus?.('reconnecting', error);
      }
      if (!stopped) {
        handlers.onStatus?.('reconnecting');
        await new Promise(resolve => setTimeout(resolve, retryMs));
      }
    }
  }

  run();
  return { close() { stopped = true; controller.abort(); } };
}

async function readFrames(body, onFrame) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const frame = parseFrame(block);
      if (frame) onFrame(frame);
    }
  }
}

function parseFrame(block) {
  let type = 'message', id = null, data = [], retry = 0, comment = false;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) { comment = true; continue; }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  }
  if (data.length) return { type, id, data: data.join('\n') };
  if (retry) return { retry };
  return comment ? { comment: true } : null;
}
