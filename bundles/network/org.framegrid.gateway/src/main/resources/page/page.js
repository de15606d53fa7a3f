// Camera (or a file, or a test pattern) → WHIP → the gateway's pipeline → WHEP → the processed video beside the input.
// What is sent is a canvas: the source plus a time code (timecode.js) and a red patch, so the page can measure
// glass-to-glass latency on what it plays back and tell processed pixels (a pipeline that changes colours) from the
// input. Query: stream, pipeline, params, source=camera|pattern, auto=1 (go live at once), seconds=N (auto: end after N s
// and publish window.result).
import { drawCode, readCode, wallMs, ageMs } from './timecode.js';

const $ = id => document.getElementById(id);
const q = new URLSearchParams(location.search);
const LIVE = '/live/video-to-video/';
const PATCH = { x: 560, y: 400, size: 64 };   // saturated red in what is sent
const state = { pcs: [], whip: null, timer: null, samples: [], frames: 0, lastFrames: 0, fps: 0, grey: 0, colour: 0,
  undecodable: 0, orchestrator: '', firstFrameMs: -1 };
window.result = { done: false, errors: [] };

$('stream').value = q.get('stream') || 'app-' + Math.random().toString(36).slice(2, 8);
if (q.get('pipeline')) $('pipeline').value = q.get('pipeline');
if (q.get('params')) $('params').value = q.get('params');
if (q.get('source')) $('source').value = q.get('source');
$('source').onchange = () => $('source').value === 'file' && $('file').click();
$('live').onclick = () => goLive().catch(fail);
$('stop').onclick = () => stop().catch(fail);

function fail(e) {
  $('error').textContent = String(e && e.message || e);
  window.result.errors.push(String(e && e.message || e));
}

async function source() {
  const kind = $('source').value;
  if (kind === 'camera') return navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: true });
  if (kind === 'file' && $('file').files[0]) {
    const v = document.createElement('video');
    v.src = URL.createObjectURL($('file').files[0]); v.loop = true; v.muted = true; await v.play();
    return v.captureStream();
  }
  return new MediaStream();
}

// The canvas that is sent: the source scaled to 640x480, the time code on top, the red patch in a corner.
function canvasOf(stream) {
  const canvas = $('send'), ctx = canvas.getContext('2d');
  const video = $('input');
  video.srcObject = stream; video.play().catch(() => {});
  let n = 0;
  state.timer = setInterval(() => {
    if (stream.getVideoTracks().length) ctx.drawImage(video, 0, 0, 640, 480);
    else { ctx.fillStyle = '#345'; ctx.fillRect(0, 0, 640, 480); ctx.fillStyle = '#c84'; ctx.fillRect((n * 8) % 640, 60, 40, 400); }
    n++;
    ctx.fillStyle = '#f00'; ctx.fillRect(PATCH.x, PATCH.y, PATCH.size, PATCH.size);
    drawCode(ctx, wallMs(performance.now()) & 0xffff);
  }, 1000 / 30);
  const out = canvas.captureStream(30);
  stream.getAudioTracks().forEach(t => out.addTrack(t));
  return out;
}

function gathered(pc) {
  return new Promise(done => {
    setTimeout(done, 2000);   // some hosts never report complete; host candidates come at once
    if (pc.iceGatheringState === 'complete') return done();
    pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && done());
  });
}

async function exchange(pc, url) {
  await pc.setLocalDescription(await pc.createOffer());
  await gathered(pc);
  const headers = { 'Content-Type': 'application/sdp' };
  if ($('key').value) headers.Authorization = 'Bearer ' + $('key').value;
  const r = await fetch(url, { method: 'POST', headers, body: pc.localDescription.sdp });
  if (r.status !== 201) throw new Error(url + ': ' + r.status + ' ' + await r.text());
  await pc.setRemoteDescription({ type: 'answer', sdp: await r.text() });
  return r.headers.get('Location');
}

async function goLive() {
  $('live').disabled = true; $('error').textContent = '';
  const name = encodeURIComponent($('stream').value);
  const sent = canvasOf(await source());
  const pub = new RTCPeerConnection();
  sent.getTracks().forEach(t => pub.addTransceiver(t, { direction: 'sendonly' }));
  state.pcs.push(pub);
  const query = '?pipeline=' + encodeURIComponent($('pipeline').value) + '&params=' + encodeURIComponent($('params').value);
  state.whip = await exchange(pub, LIVE + name + '/whip' + query);
  pub.onconnectionstatechange = () => pub.connectionState === 'failed' && fail('WHIP connection failed');
  await play(name);
  $('stop').disabled = false;
  state.stats = setInterval(() => report(name), 1000);
}

async function play(name) {
  const pc = new RTCPeerConnection();
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  state.pcs.push(pc);
  const video = $('output');
  pc.ontrack = e => { if (e.track.kind === 'video') video.srcObject = new MediaStream([e.track]); };
  const posted = performance.now();
  await exchange(pc, LIVE + name + '/whep');
  video.play().catch(() => {});
  const canvas = document.createElement('canvas'), ctx = canvas.getContext('2d', { willReadFrequently: true });
  const onFrame = (now, md) => {
    if (state.firstFrameMs < 0) state.firstFrameMs = Math.round(performance.now() - posted);
    state.frames++;
    if (canvas.width !== md.width) { canvas.width = md.width; canvas.height = md.height; }
    ctx.drawImage(video, 0, 0, md.width, md.height);
    const code = readCode(ctx, md.width, false);
    if (code < 0) state.undecodable++;
    else state.samples.push(ageMs(code, wallMs(md.expectedDisplayTime)));
    const s = md.width / 640, c = ctx.getImageData(Math.round((PATCH.x + PATCH.size / 2) * s), Math.round((PATCH.y + PATCH.size / 2) * s), 1, 1).data;
    if (Math.abs(c[0] - c[1]) < 40 && Math.abs(c[0] - c[2]) < 40) state.grey++; else state.colour++;
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}

const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))] : null; };

async function report(name) {
  state.fps = state.frames - state.lastFrames; state.lastFrames = state.frames;
  try {
    const r = await fetch(LIVE + name + '/status');
    if (r.ok) state.orchestrator = (await r.json()).gateway.orchestrator;
  } catch (e) { /* the next tick tries again */ }
  const recent = state.samples.slice(-150).filter(ms => ms < 5000);
  $('stats').textContent = `fps ${state.fps}   glass-to-glass p50 ${pct(recent, 0.5)} ms p95 ${pct(recent, 0.95)} ms   `
    + `orchestrator ${state.orchestrator}   frames ${state.frames}`;
}

async function stop() {
  clearInterval(state.timer); clearInterval(state.stats);
  if (state.whip) await fetch(state.whip, { method: 'DELETE' });
  state.pcs.forEach(pc => pc.close()); state.pcs = []; state.whip = null;
  $('live').disabled = false; $('stop').disabled = true; $('stats').textContent = 'not live';
}

if (q.get('auto') === '1') {
  (async () => {
    await goLive();
    await new Promise(r => setTimeout(r, 1000 * +(q.get('seconds') || 20)));
    const glass = state.samples.filter(ms => ms < 5000);
    Object.assign(window.result, { frames: state.frames, firstFrameMs: state.firstFrameMs, undecodable: state.undecodable,
      grey: state.grey, colour: state.colour, orchestrator: state.orchestrator,
      glassToGlassMs: { n: glass.length, p50: pct(glass, 0.5), p95: pct(glass, 0.95) } });
    if (q.get('keep') !== '1') await stop();
  })().catch(fail).finally(() => { window.result.done = true; });
}
