"use strict";
// Speech emotion page: upload or record a clip, play it back, show the API's analysis.

const colors = { neutral: "#9aa3b5", calm: "#4fb3a9", happy: "#f2b134", sad: "#4a78d6", angry: "#e0473f",
  fearful: "#8e5bd6", disgust: "#6b8e23", surprised: "#f07ab8" };
const $ = (id) => document.getElementById(id);

// --- Input: drag and drop, file picker -------------------------------------------------------
const drop = $("drop");
["dragenter", "dragover"].forEach((e) => drop.addEventListener(e, (ev) => { ev.preventDefault(); drop.classList.add("over"); }));
["dragleave", "drop"].forEach((e) => drop.addEventListener(e, (ev) => { ev.preventDefault(); drop.classList.remove("over"); }));
drop.addEventListener("drop", (ev) => { if (ev.dataTransfer.files.length) classify(ev.dataTransfer.files[0]); });
$("file").addEventListener("change", (ev) => { if (ev.target.files.length) classify(ev.target.files[0]); });

// --- Input: microphone, captured as PCM and sent as WAV (no Opus/WebM decoding needed server-side) ---
let recording = null;
$("record").addEventListener("click", async () => {
  if (recording) { stopRecording(); return; }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const context = new AudioContext();
    const source = context.createMediaStreamSource(stream);
    const processor = context.createScriptProcessor(4096, 1, 1);
    const chunks = [];
    processor.onaudioprocess = (e) => chunks.push(new Float32Array(e.inputBuffer.getChannelData(0)));
    source.connect(processor);
    processor.connect(context.destination);
    recording = { stream, context, processor, chunks, started: Date.now() };
    $("record").textContent = "■ Stop";
    $("record").classList.add("on");
    recording.timer = setInterval(() => $("record-status").textContent = `Recording… ${((Date.now() - recording.started) / 1000).toFixed(1)} s`, 100);
  } catch (err) {
    setStatus(`The microphone is not available: ${err.message}`, true);
  }
});

function stopRecording() {
  const { stream, context, processor, chunks, timer } = recording;
  recording = null;
  clearInterval(timer);
  processor.disconnect();
  stream.getTracks().forEach((t) => t.stop());
  $("record").textContent = "● Record";
  $("record").classList.remove("on");
  $("record-status").textContent = "Record from your microphone, then stop to classify.";
  const wav = encodeWav(chunks, context.sampleRate);
  context.close();
  classify(new File([wav], "recording.wav", { type: "audio/wav" }));
}

function encodeWav(chunks, rate) {
  const length = chunks.reduce((n, c) => n + c.length, 0);
  const view = new DataView(new ArrayBuffer(44 + 2 * length));
  const text = (offset, s) => [...s].forEach((ch, i) => view.setUint8(offset + i, ch.charCodeAt(0)));
  text(0, "RIFF"); view.setUint32(4, 36 + 2 * length, true); text(8, "WAVE");
  text(12, "fmt "); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, rate, true); view.setUint32(28, 2 * rate, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true);
  text(36, "data"); view.setUint32(40, 2 * length, true);
  let offset = 44;
  for (const chunk of chunks) for (const s of chunk) { view.setInt16(offset, Math.max(-1, Math.min(1, s)) * 32767, true); offset += 2; }
  return view.buffer;
}

// --- Classify --------------------------------------------------------------------------------
async function classify(file) {
  $("player").src = URL.createObjectURL(file);
  $("result").hidden = true;
  setStatus(`Listening to ${file.name}…`);
  const form = new FormData();
  form.append("file", file, file.name);
  try {
    const response = await fetch("api/predict", { method: "POST", body: form });
    const body = await response.json();
    if (!response.ok) { setStatus(body.error, true); return; }
    render(body);
    setStatus(`${file.name}: ${body.duration.toFixed(1)} s`);
  } catch (err) {
    setStatus(`The server could not be reached: ${err.message}`, true);
  }
}

function setStatus(text, error = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", error);
}

function render(r) {
  $("result").hidden = false;
  $("emotion").textContent = r.emotion;
  $("emotion").style.color = colors[r.emotion] || "#1d2433";
  $("confidence").textContent = r.unsure ? `unsure: ${(100 * r.confidence).toFixed(0)}%` : `${(100 * r.confidence).toFixed(0)}% confident`;
  $("answer").classList.toggle("unsure", r.unsure);
  $("cautions").hidden = !r.unsure;
  $("cautions").replaceChildren(...r.cautions.map((c) => {
    const item = document.createElement("li");
    item.textContent = c.message;
    return item;
  }));
  $("bars").replaceChildren(...Object.entries(r.probabilities).sort((a, b) => b[1] - a[1]).map(([label, p]) => {
    const row = document.createElement("div");
    row.className = "bar";
    row.innerHTML = `<span>${label}</span><div class="track"><div class="fill" style="width:${100 * p}%;background:${colors[label] || "#3857d6"}"></div></div><span class="value">${(100 * p).toFixed(1)}%</span>`;
    return row;
  }));
  drawWaveform(r.waveform, colors[r.emotion] || "#7fa2ff");
  drawSpectrogram(r.spectrogram);
  $("spectrogram-caption").textContent = `${r.spectrogram.start.toFixed(2)}–${r.spectrogram.end.toFixed(2)} s of the clip (the silence around the voice trimmed), 0–${(r.spectrogram.topHz / 1000).toFixed(0)} kHz on a mel scale; the recording carries sound up to about ${(r.bandwidthHz / 1000).toFixed(1)} kHz.`;
  drawTimeline(r.timeline, r.duration);
}

function drawWaveform(points, color) {
  const canvas = $("waveform"), g = canvas.getContext("2d"), w = canvas.width, h = canvas.height;
  g.fillStyle = "#0f1424"; g.fillRect(0, 0, w, h);
  g.fillStyle = color;
  const peak = Math.max(1e-6, ...points.map(([a, b]) => Math.max(-a, b)));
  points.forEach(([min, max], i) => {
    const x = (i / points.length) * w, top = h / 2 - (max / peak) * (h / 2 - 4), bottom = h / 2 - (min / peak) * (h / 2 - 4);
    g.fillRect(x, top, Math.max(1, w / points.length), Math.max(1, bottom - top));
  });
}

function drawSpectrogram(s) {
  const canvas = $("spectrogram"), g = canvas.getContext("2d");
  if (!s.frames) return;
  const bytes = Uint8Array.from(atob(s.data), (c) => c.charCodeAt(0));
  const image = g.createImageData(s.frames, s.bands);
  for (let f = 0; f < s.frames; f++) {
    for (let b = 0; b < s.bands; b++) {
      const v = bytes[f * s.bands + b] / 255, at = 4 * ((s.bands - 1 - b) * s.frames + f);
      // A dark-to-bright "magma"-like ramp.
      image.data[at] = 255 * Math.min(1, 1.6 * v); image.data[at + 1] = 255 * Math.pow(v, 2.2); image.data[at + 2] = 255 * (0.35 + 0.5 * v * (1 - v));
      image.data[at + 3] = 255;
    }
  }
  const scratch = document.createElement("canvas");
  scratch.width = s.frames; scratch.height = s.bands;
  scratch.getContext("2d").putImageData(image, 0, 0);
  g.imageSmoothingEnabled = true;
  g.drawImage(scratch, 0, 0, canvas.width, canvas.height);
}

function drawTimeline(timeline, duration) {
  $("timeline-section").hidden = timeline.length === 0;
  if (timeline.length === 0) return;
  const canvas = $("timeline"), g = canvas.getContext("2d"), w = canvas.width, h = canvas.height;
  g.fillStyle = "#0f1424"; g.fillRect(0, 0, w, h);
  timeline.forEach((t) => {
    const x0 = (t.start / duration) * w, x1 = (t.end / duration) * w;
    g.globalAlpha = 0.35 + 0.65 * t.confidence;
    g.fillStyle = colors[t.emotion] || "#888";
    g.fillRect(x0, 8, x1 - x0, h - 16);
  });
  g.globalAlpha = 1;
  const seen = [...new Set(timeline.map((t) => t.emotion))];
  $("timeline-legend").innerHTML = seen.map((e) => `<span><i style="background:${colors[e]}"></i>${e}</span>`).join("");
}

// --- About the model -------------------------------------------------------------------------
fetch("api/model").then((r) => r.json()).then((card) => {
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  const metric = (m) => `${pct(m.accuracy)} accuracy, ${pct(m.unweightedAverageRecall)} UAR${m.uarSpread != null ? ` (± ${pct(m.uarSpread)} over folds)` : ""}<br><small>${m.protocol}</small>`;
  const pipeline = [card.model.words ? `${card.model.words.codebookSize} audio words` : null, card.model.model.kind,
    card.model.calibration ? "confidence calibrated on held-out speakers" : null].filter((x) => x).join(" → ");
  const options = card.features.options;
  const band = options.mfcc.highFrequency ? `0–${options.mfcc.highFrequency / 1000} kHz` : "full band";
  const robust = card.robustness;
  const conditions = robust ? `<table class="conditions">${robust.conditions.map((c) =>
    `<tr><td>${c.condition}</td><td>${pct(c.uar)}</td><td><small>worst fold ${pct(c.worstFoldUar)}</small></td></tr>`).join("")}</table>
    <small>${robust.protocol}. Calibration error ${robust.expectedCalibrationError.toFixed(3)}.</small>` : "";
  $("model").innerHTML = `<table>
    <tr><th>Model</th><td>${pipeline}</td></tr>
    <tr><th>Trained</th><td>${new Date(card.created).toISOString().slice(0, 10)}, on ${card.training.description}</td></tr>
    <tr><th>New voices</th><td>${metric(card.speakerIndependent)}</td></tr>
    <tr><th>Reference protocol</th><td>${metric(card.referenceProtocol)}</td></tr>
    ${robust ? `<tr><th>Beyond the studio</th><td>${conditions}</td></tr>` : ""}
    ${robust && robust.otherCorpus ? `<tr><th>Another corpus</th><td>${robust.otherCorpus}, never trained on: ${pct(robust.otherCorpusUar)} UAR over its shared emotions</td></tr>` : ""}
    <tr><th>Features</th><td>${card.features.names.length} values (${options.sets.join(", ")}), ${band}</td></tr>
    <tr><th>Format</th><td>bundle format ${card.formatVersion}</td></tr></table>`;
}).catch(() => { $("model").textContent = "The model card could not be loaded."; });
