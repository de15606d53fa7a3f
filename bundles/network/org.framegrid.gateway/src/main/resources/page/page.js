// Camera (or a file, or a test pattern) → WHIP → the gateway's pipeline → WHEP → the processed video beside the input.
// What is sent is a canvas: the source plus a time code (timecode.js) and a red patch, so the page can measure
// glass-to-glass latency on what it plays back and tell processed pixels (a pipeline that changes colours) from the
// input. The pipeline's parameter controls are built from its description (GET /v1/pipelines/NAME, from the stage
// descriptors): a number is a slider with its range (or a number box), a boolean a checkbox, an enum a select, a string
// a text box; a change is sent to the live stream (…/update), or kept for the next Go live.
// Query: stream, pipeline, params, source=camera|pattern, audio=0 (the camera without its microphone), codec=VP8|H264 (the video codec to send; default: the
// browser's and the gateway's choice), auto=1 (go live at once), seconds=N (auto: end after N s
// and publish window.result). window.pageState is the page's live state (frames, colours, the played size).
import { drawCode, readCode, wallMs, ageMs } from './timecode.js';

const $ = id => document.getElementById(id);
const q = new URLSearchParams(location.search);
const LIVE = '/live/video-to-video/';
const PATCH = { x: 560, y: 400, size: 64 };   // saturated red in what is sent
const state = { pcs: [], whip: null, timer: null, samples: [], frames: 0, lastFrames: 0, fps: 0, grey: 0, colour: 0,
  undecodable: 0, orchestrator: '', firstFrameMs: -1, size: [0, 0], name: null, controls: {}, whep: null,
  audio: { packets: 0, energy: 0, sentEnergy: 0, peak: 0 } };
window.result = { done: false, errors: [] };
window.pageState = state;

$('stream').value = q.get('stream') || 'app-' + Math.random().toString(36).slice(2, 8);
if (q.get('pipeline')) $('pipeline').value = q.get('pipeline');
if (q.get('params')) $('params').value = q.get('params');
if (q.get('source')) $('source').value = q.get('source');
$('source').onchange = () => $('source').value === 'file' && $('file').click();
$('live').onclick = () => goLive().catch(fail);
$('stop').onclick = () => stop().catch(fail);
$('pipeline').onchange = () => loadControls().catch(fail);
const controlsLoaded = loadControls().catch(fail);

function fail(e) {
  $('error').textContent = String(e && e.message || e);
  window.result.errors.push(String(e && e.message || e));
}

async function source() {
  const kind = $('source').value;
  if (kind === 'camera') return navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: q.get('audio') !== '0' });
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

// ---- parameter controls, from the pipeline's description ----

async function loadControls() {
  const box = $('controls');
  box.textContent = ''; state.controls = {};
  const pipeline = $('pipeline').value.trim();
  if (!pipeline) return;
  const r = await fetch('/v1/pipelines/' + encodeURIComponent(pipeline));
  if (!r.ok) { box.textContent = 'no controls: ' + ((await r.json().catch(() => ({}))).error || r.status); return; }
  for (const node of (await r.json()).nodes) {
    if (!node.properties.length) continue;
    const set = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = node.name + ' (' + node.type + ')'; legend.title = node.description || '';
    set.append(legend, ...node.properties.map(control));
    box.append(set);
  }
  fixedWhileLive();
}

function control(p) {
  const label = document.createElement('label');
  label.title = p.description + (p.fixed ? ' (set when the stream starts)' : p.live ? '' : ' (restarts the node)');
  label.append(p.name + ' ');
  const start = p.value ?? p.defaultValue;
  const inputs = [];
  const make = (tag, type) => { const e = document.createElement(tag); if (type) e.type = type; e.dataset.key = p.key; inputs.push(e); return e; };
  if (p.type === 'BOOLEAN') make('input', 'checkbox').checked = start === true;
  else if (p.type === 'ENUM') { const s = make('select'); p.allowed.forEach(a => s.append(new Option(a, a))); s.value = start; }
  else if (p.type === 'INTEGER' || p.type === 'DOUBLE') {
    const ranged = p.min != null && p.max != null;
    const step = p.type === 'INTEGER' ? 1 : ranged ? (p.max - p.min) / 100 : 'any';
    if (ranged) make('input', 'range');
    make('input', 'number');
    inputs.forEach(e => { if (p.min != null) e.min = p.min; if (p.max != null) e.max = p.max; e.step = step; e.value = start ?? ''; });
  } else make('input', 'text').value = start ?? '';
  inputs.forEach(e => {
    e.dataset.fixed = p.fixed;
    e.onchange = () => {
      inputs.forEach(o => { if (o !== e && o.type !== 'checkbox') o.value = e.value; });
      changed(p, e).catch(fail);
    };
  });
  label.append(...inputs);
  return label;
}

function valueOf(p, e) {
  if (p.type === 'BOOLEAN') return e.checked;
  if (p.type === 'INTEGER') return Math.round(Number(e.value));
  if (p.type === 'DOUBLE') return Number(e.value);
  return e.value;
}

// A change goes to the live stream at once; either way it is kept for the next Go live.
async function changed(p, e) {
  const v = valueOf(p, e);
  state.controls[p.key] = v;
  if (!state.name) return;
  const r = await fetch(LIVE + state.name + '/update', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ [p.key]: v }) });
  if (!r.ok) throw new Error(p.key + ': ' + r.status + ' ' + ((await r.json().catch(() => ({}))).error || ''));
}

// What sets the output format is negotiated once per stream: it can be chosen only while not live.
function fixedWhileLive() {
  document.querySelectorAll('#controls [data-fixed="true"]').forEach(e => { e.disabled = !!state.name; });
}

async function goLive() {
  $('live').disabled = true; $('error').textContent = '';
  await controlsLoaded;
  const name = encodeURIComponent($('stream').value);
  const params = Object.assign(JSON.parse($('params').value || '{}'), state.controls);
  const sent = canvasOf(await source());
  const pub = new RTCPeerConnection();
  sent.getTracks().forEach(t => {
    const tr = pub.addTransceiver(t, { direction: 'sendonly' });
    if (t.kind === 'video' && q.get('codec')) {
      const mime = 'video/' + q.get('codec').toLowerCase();
      const codecs = RTCRtpSender.getCapabilities('video').codecs.filter(c => c.mimeType.toLowerCase() === mime);
      if (!codecs.length) throw new Error('this browser cannot send ' + mime);
      tr.setCodecPreferences(codecs);
    }
  });
  state.pcs.push(pub);
  const query = '?pipeline=' + encodeURIComponent($('pipeline').value) + '&params=' + encodeURIComponent(JSON.stringify(params));
  state.whip = await exchange(pub, LIVE + name + '/whip' + query);
  state.name = name; fixedWhileLive();
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
  state.whep = pc;
  const video = $('output');
  pc.ontrack = e => {
    if (e.track.kind === 'video') video.srcObject = new MediaStream([e.track]);
    if (e.track.kind === 'audio') listen(e.track);
  };
  const posted = performance.now();
  await exchange(pc, LIVE + name + '/whep');
  video.play().catch(() => {});
  const canvas = document.createElement('canvas'), ctx = canvas.getContext('2d', { willReadFrequently: true });
  const onFrame = (now, md) => {
    if (state.firstFrameMs < 0) state.firstFrameMs = Math.round(performance.now() - posted);
    state.frames++;
    if (canvas.width !== md.width || canvas.height !== md.height) { canvas.width = md.width; canvas.height = md.height; }
    state.size = [md.width, md.height];
    ctx.drawImage(video, 0, 0, md.width, md.height);
    const code = readCode(ctx, md.width, false);
    if (code < 0) state.undecodable++;
    else state.samples.push(ageMs(code, wallMs(md.expectedDisplayTime)));
    const sx = md.width / 640, sy = md.height / 480;
    const c = ctx.getImageData(Math.round((PATCH.x + PATCH.size / 2) * sx), Math.round((PATCH.y + PATCH.size / 2) * sy), 1, 1).data;
    if (Math.abs(c[0] - c[1]) < 40 && Math.abs(c[0] - c[2]) < 40) state.grey++; else state.colour++;
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}

// Plays the processed audio and measures its loudness (the peak sample), so that silence is told from sound.
function listen(track) {
  const stream = new MediaStream([track]);
  const el = new Audio(); el.srcObject = stream; el.play().catch(() => {});
  const ac = new AudioContext(), an = ac.createAnalyser();
  ac.createMediaStreamSource(stream).connect(an);
  const buf = new Float32Array(an.fftSize);
  const timer = setInterval(() => {
    an.getFloatTimeDomainData(buf);
    for (const v of buf) state.audio.peak = Math.max(state.audio.peak, Math.abs(v));
  }, 50);
  state.listening = () => { clearInterval(timer); el.srcObject = null; ac.close(); };
}

const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))] : null; };

async function report(name) {
  state.fps = state.frames - state.lastFrames; state.lastFrames = state.frames;
  try {
    const r = await fetch(LIVE + name + '/status');
    if (r.ok) state.orchestrator = (await r.json()).gateway.orchestrator;
  } catch (e) { /* the next tick tries again */ }
  if (state.whep) {
    // The audio played back: packets and energy (0 for silence), from the receiver's statistics.
    (await state.whep.getStats()).forEach(s => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') Object.assign(state.audio, { packets: s.packetsReceived || 0, energy: s.totalAudioEnergy || 0 });
    });
    (await state.pcs[0].getStats()).forEach(s => {
      if (s.type === 'media-source' && s.kind === 'audio') state.audio.sentEnergy = s.totalAudioEnergy || 0;
    });
  }
  const recent = state.samples.slice(-150).filter(ms => ms < 5000);
  $('stats').textContent = `fps ${state.fps}   glass-to-glass p50 ${pct(recent, 0.5)} ms p95 ${pct(recent, 0.95)} ms   `
    + `orchestrator ${state.orchestrator}   frames ${state.frames}`;
}

async function stop() {
  clearInterval(state.timer); clearInterval(state.stats);
  if (state.whip) await fetch(state.whip, { method: 'DELETE' });
  if (state.listening) { state.listening(); state.listening = null; }
  state.pcs.forEach(pc => pc.close()); state.pcs = []; state.whip = null; state.whep = null; state.name = null;
  fixedWhileLive();
  $('live').disabled = false; $('stop').disabled = true; $('stats').textContent = 'not live';
}

if (q.get('auto') === '1') {
  (async () => {
    await goLive();
    await new Promise(r => setTimeout(r, 1000 * +(q.get('seconds') || 20)));
    const glass = state.samples.filter(ms => ms < 5000);
    Object.assign(window.result, { frames: state.frames, firstFrameMs: state.firstFrameMs, undecodable: state.undecodable,
      grey: state.grey, colour: state.colour, orchestrator: state.orchestrator, audio: state.audio,
      glassToGlassMs: { n: glass.length, p50: pct(glass, 0.5), p95: pct(glass, 0.95) } });
    if (q.get('keep') !== '1') await stop();
  })().catch(fail).finally(() => { window.result.done = true; });
}
