/**
 * A short two-note chime made with the Web Audio API: an oscillator and a gain envelope, no sound file to
 * load. The first chime should come from the agent's gesture (turning the sound on): a browser lets a
 * page play sound once the agent has interacted with it.
 */
let audio: AudioContext | undefined;

export function playChime(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume().catch(() => undefined);
    const start = audio.currentTime + 0.01;
    const tone = audio.createOscillator();
    const envelope = audio.createGain();
    tone.type = 'sine';
    tone.frequency.setValueAtTime(880, start);
    tone.frequency.setValueAtTime(1320, start + 0.12);
    envelope.gain.setValueAtTime(0.0001, start);
    envelope.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
    envelope.gain.exponentialRampToValueAtTime(0.0001, start + 0.3);
    tone.connect(envelope).connect(audio.destination);
    tone.start(start);
    tone.stop(start + 0.32);
  } catch {
    // No audio output (or too many contexts): a notification without sound is still one.
  }
}
