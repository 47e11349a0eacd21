import { boxes } from './inspector.js';

// Replays the event's stream with hls.js (served from the npm package under /vendor/hls/). The page may only connect
// to its own origin, so it plays what this origin serves: the demo channel under /demo/, or a source on this host.
export class Replay {
  constructor(video, overlay, note) {
    this.video = video;
    this.overlay = overlay;
    this.note = note;
    this.hls = null;
  }

  async load(source) {
    this.stop();
    const url = playableUrl(source);
    if (!url) {
      this.note.textContent = 'Replay plays streams served by this origin only (the page allows no other); this event\'s source is elsewhere.';
      return;
    }
    let Hls;
    try {
      ({ default: Hls } = await import('/vendor/hls/hls.mjs'));
    } catch {
      this.note.textContent = 'The player (hls.js) is not installed on this server: run scripts/setup.';
      return;
    }
    if (this.video.canPlayType('application/vnd.apple.mpegurl') && !Hls.isSupported()) {
      this.video.src = url;
    } else if (Hls.isSupported()) {
      this.hls = new Hls({ enableWorker: false, lowLatencyMode: false, backBufferLength: 120 });
      this.hls.on(Hls.Events.ERROR, (_, data) => { if (data.fatal) this.note.textContent = `Replay stopped: ${data.details}`; });
      this.hls.loadSource(url);
      this.hls.attachMedia(this.video);
    } else {
      this.note.textContent = 'This browser cannot play HLS.';
      return;
    }
    this.note.textContent = `Playing ${url}`;
  }

  stop() {
    this.hls?.destroy();
    this.hls = null;
    this.video.removeAttribute('src');
    this.overlay.replaceChildren();
  }

  /** Seeks to a sampled frame (the fragment with the segment's media sequence, plus the frame's offset in it) and draws its boxes. */
  showFrame(segment, frame) {
    const details = this.hls?.levels?.[Math.max(this.hls.currentLevel, 0)]?.details;
    const fragment = details?.fragments?.find(f => f.sn === segment.sequence);
    if (!fragment) {
      this.note.textContent = `Segment ${segment.sequence} is not in the player's window (the live playlist keeps only the newest segments).`;
      return;
    }
    this.video.pause();
    this.video.currentTime = fragment.start + Math.max(0, frame.position - segment.streamStart);
    this.overlay.replaceChildren(...boxes(frame.sightings));
    this.note.textContent = `Frame ${frame.frame} of segment ${segment.sequence} at ${frame.position.toFixed(1)} s`;
  }
}

function playableUrl(source) {
  if (!source) return null;
  let url;
  try { url = new URL(source, location.href); } catch { return null; }
  if (url.origin === location.origin) return url.pathname + url.search;
  // The demo channel is read from its folder and served by this origin under /demo/.
  if (url.protocol === 'file:' && url.pathname.endsWith('.m3u8')) return `/demo/${url.pathname.split('/').pop()}`;
  return null;
}
