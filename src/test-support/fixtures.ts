import barcodeUrl from '../../e2e/fixtures/barcode-h264-aac.mp4?url';
import rotatedUrl from '../../e2e/fixtures/rotated.mp4?url';
import hevcUrl from '../../e2e/fixtures/hevc.mp4?url';
import webmUrl from '../../e2e/fixtures/barcode-vp9-opus.webm?url';
import mp3Url from '../../e2e/fixtures/tone.mp3?url';
import wavUrl from '../../e2e/fixtures/tone.wav?url';
import flacUrl from '../../e2e/fixtures/tone.flac?url';
import oggUrl from '../../e2e/fixtures/tone.ogg?url';
import m4aUrl from '../../e2e/fixtures/tone.m4a?url';
import pngUrl from '../../e2e/fixtures/still.png?url';
import jpegUrl from '../../e2e/fixtures/still-exif-rotate90.jpg?url';
import tenBitUrl from '../../e2e/fixtures/h264-10bit.mp4?url';
import zeroUrl from '../../e2e/fixtures/zero-duration.mp4?url';
import ntscUrl from '../../e2e/fixtures/ntsc-29.97.mp4?url';
import clickUrl from '../../e2e/fixtures/click-120bpm.flac?url';
import toneLufsUrl from '../../e2e/fixtures/tone-23lufs.m4a?url';
import cutUrl from '../../e2e/fixtures/cut-at-45.mp4?url';
import anamorphicUrl from '../../e2e/fixtures/anamorphic.mp4?url';
import noBFramesUrl from '../../e2e/fixtures/barcode-nobframes.mp4?url';
import tonePart1Url from '../../e2e/fixtures/tone-part-1.mp4?url';
import tonePart2Url from '../../e2e/fixtures/tone-part-2.mp4?url';
import lateSoundUrl from '../../e2e/fixtures/late-sound.mp4?url';
import soundMp3Url from '../../e2e/fixtures/sound-mp3.mp4?url';
import soundAc3Url from '../../e2e/fixtures/sound-ac3.mp4?url';
import beepsVorbisUrl from '../../e2e/fixtures/beeps-vorbis.ogg?url';
import soundPcmUrl from '../../e2e/fixtures/sound-pcm.mov?url';
import pcmTwosUrl from '../../e2e/fixtures/pcm-twos.mov?url';
import pcmIn24Url from '../../e2e/fixtures/pcm-in24.mov?url';
import pcmLpcmUrl from '../../e2e/fixtures/pcm-lpcm.mov?url';
import longSoundUrl from '../../e2e/fixtures/long-sound.mp4?url';
import proresUrl from '../../e2e/fixtures/prores.mov?url';
import twoSoundsMp4Url from '../../e2e/fixtures/two-sounds.mp4?url';
import twoSoundsMkvUrl from '../../e2e/fixtures/two-sounds.mkv?url';
import ac3AndAacUrl from '../../e2e/fixtures/ac3-and-aac.mp4?url';
import tone96kUrl from '../../e2e/fixtures/tone-96k.m4a?url';
import toneFlacMp4Url from '../../e2e/fixtures/tone-flac.mp4?url';
import toneRf64Url from '../../e2e/fixtures/tone-rf64.wav?url';
import recorderVp9Mp4Url from '../../e2e/fixtures/recorder-vp9.mp4?url';
import fragmentsGapUrl from '../../e2e/fixtures/fragments-gap.mp4?url';
import opusPreSkipUrl from '../../e2e/fixtures/opus-preskip.mp4?url';
import lateStartUrl from '../../e2e/fixtures/late-start.mkv?url';
import surroundUrl from '../../e2e/fixtures/surround.m4a?url';
import extraTracksMp4Url from '../../e2e/fixtures/extra-tracks.mp4?url';
import extraTracksMkvUrl from '../../e2e/fixtures/extra-tracks.mkv?url';
import timecodeUrl from '../../e2e/fixtures/timecode.mov?url';
import barcodeTsUrl from '../../e2e/fixtures/barcode-h264-aac.m2t?url';
import barcodeM2tsUrl from '../../e2e/fixtures/barcode-h264-ac3.m2ts?url';
import lateSoundTsUrl from '../../e2e/fixtures/late-sound-mp3.m2t?url';
import toneTsUrl from '../../e2e/fixtures/tone-aac.m2t?url';
import mpeg2TsUrl from '../../e2e/fixtures/mpeg2-mp2.m2t?url';
import barcodeMkvUrl from '../../e2e/fixtures/barcode-h264-aac.mkv?url';
import recorderWebmUrl from '../../e2e/fixtures/recorder.webm?url';
import soundFirstWebmUrl from '../../e2e/fixtures/sound-first.webm?url';
import soundFirstTsUrl from '../../e2e/fixtures/sound-first.m2t?url';
import wholeFullEndTsUrl from '../../e2e/fixtures/whole-full-end.m2t?url';
import mp2TsUrl from '../../e2e/fixtures/h264-mp2.m2t?url';
import hevcThenH264Url from '../../e2e/fixtures/hevc-then-h264.mp4?url';

/** The committed fixtures (e2e/fixtures/make-fixtures.sh says how each was made). */
export const FIXTURES = {
  /** 640×360, 30 fps, 10 s, H.264 High with B-frames, AAC 48 kHz; barcode = frame index; beeps at k + 0.25 s. */
  barcode: barcodeUrl,
  rotated: rotatedUrl,
  hevc: hevcUrl,
  /** The barcode clip's first 2 s at 320×180 as VP9 + Opus in WebM. */
  webm: webmUrl,
  mp3: mp3Url,
  wav: wavUrl,
  flac: flacUrl,
  ogg: oggUrl,
  m4a: m4aUrl,
  png: pngUrl,
  /** 320×180 JPEG with EXIF orientation 6: upright it is 180×320. */
  jpeg: jpegUrl,
  tenBit: tenBitUrl,
  zeroDuration: zeroUrl,
  /** 160×90 at 30000/1001 fps, 1 s, AAC. */
  ntsc: ntscUrl,
  /** 12 s of 10 ms clicks every 0.5 s (120 BPM), mono FLAC. */
  click120: clickUrl,
  /** 320×240 coded, 4:3 pixel aspect (shown 427×240), solid red, 1 s. */
  anamorphic: anamorphicUrl,
  /** The barcode clip's first 8 s re-encoded without B-frames, a keyframe every second (stream copy needs both). */
  noBFrames: noBFramesUrl,
  /** 8 s stereo 1 kHz at −23 dBFS per channel: −23 LUFS. */
  tone23Lufs: toneLufsUrl,
  /** 90 frames, the picture changes completely at frame 45. */
  cutAt45: cutUrl,
  /** 0–2 s and 1–3 s of one 440.25 Hz tone (amplitude 0.25), mono AAC 48 kHz, each with a 160×90 picture, keyframes every second, no B-frames. */
  tonePart1: tonePart1Url,
  tonePart2: tonePart2Url,
  /** 1 s of 160×90 picture (AAC mono 48 kHz) whose sound starts at 0.178 s: an empty edit before it. */
  lateSound: lateSoundUrl,
  /** 1 s of 160×90 picture with a 440 Hz tone as MP3 (MPEG-4 object type 0x6B) / as AC-3 (which Chromium cannot decode). */
  soundMp3: soundMp3Url,
  soundAc3: soundAc3Url,
  /** 3 s of Ogg Vorbis, 48 kHz mono, silent but for a 30 ms 1 kHz beep (0.6) at k + 0.25 s. */
  beepsVorbis: beepsVorbisUrl,
  /** 1 s of 160×90 picture with 16-bit little-endian PCM ('sowt'), stereo 22.05 kHz: a 1 kHz beep of 30 ms at 0.5 s, amplitude 0.5 left, 0.25 right. */
  soundPcm: soundPcmUrl,
  /** A 1 kHz tone at amplitude 0.5, mono PCM, sound only: 16-bit big-endian ('twos') and 24-bit little-endian ('in24', 'enda') at 8 kHz, 0.6 s; 24-bit big-endian 'lpcm' (version 2 description) at 96 kHz, 0.1 s. */
  pcmTwos: pcmTwosUrl,
  pcmIn24: pcmIn24Url,
  pcmLpcm: pcmLpcmUrl,
  /** 1 s of the barcode clip's frames 30–59 at 320×180 (no B-frames) whose AAC (mono 48 kHz, its beeps at 0.25 and 1.25 s) runs 0.5 s past the picture. */
  longSound: longSoundUrl,
  /** 0.1 s of 64×36 Apple ProRes 422 Proxy ('apco') with 16-bit PCM sound, mono 8 kHz: video no browser decodes. */
  prores: proresUrl,
  /** 0.5 s of 160×90 picture with two mono sound tracks: "Tone" (440 Hz throughout) first, "Beeps" (a 30 ms 1 kHz beep at 0.25 s) the default. MP4 with AAC, MKV with Opus. */
  twoSoundsMp4: twoSoundsMp4Url,
  twoSoundsMkv: twoSoundsMkvUrl,
  /** 0.3 s of sound only, two mono tracks: "Surround" (AC-3, 440 Hz) the default, "Stereo" (AAC, a beep at 0.1 s) not. */
  ac3AndAac: ac3AndAacUrl,
  /** 0.2 s of a 1 kHz tone, mono AAC at 96 kHz (the MP4 sound entry says 0 Hz: the rate does not fit it). */
  tone96k: tone96kUrl,
  /** 0.2 s of a 1 kHz tone, mono FLAC at 48 kHz in an MP4 ('fLaC', its STREAMINFO in a 'dfLa' box). */
  toneFlacMp4: toneFlacMp4Url,
  /** 0.2 s of a 1 kHz tone, mono 24-bit PCM at 48 kHz in an RF64 file ('RF64' header, sizes in its 'ds64' chunk). */
  toneRf64: toneRf64Url,
  /** 0.5 s of the barcode picture at 160×90, VP9 in MP4 whose vpcC says level 0, as Chromium's MediaRecorder writes it. */
  recorderVp9Mp4: recorderVp9Mp4Url,
  /** 1 s of the barcode picture at 160×90 (H.264) in MP4 fragments of 10 frames; the second and third start (tfdt) 0.5 s late. */
  fragmentsGap: fragmentsGapUrl,
  /** 1 s of mono Opus in MP4, a 30 ms 1 kHz beep at 0.5065 s; no edit list and an 80 ms pre-skip, as Chromium's MediaRecorder writes it. */
  opusPreSkip: opusPreSkipUrl,
  /** 0.5 s of the barcode picture at 160×90 (VP9) with a beep at 0.25 s (Opus, mono), in a Matroska file whose timestamps start at 1000 s. */
  lateStart: lateStartUrl,
  /** 0.3 s of 5.1 AAC at 48 kHz: 1 kHz at 0.5 front left, 500 Hz at 0.5 centre, the other channels silent. */
  surround: surroundUrl,
  /**
   * 1 s of 64×64 picture (10 fps, H.264) with mono AAC sound and what Spool does not import: a second video track,
   * two subtitle tracks (English and French; MP4 timed text, or SRT and ASS in the MKV) and two chapters. In the MP4
   * the tracks are, in order: video, video, sound, subtitles, subtitles, chapters.
   */
  extraTracksMp4: extraTracksMp4Url,
  extraTracksMkv: extraTracksMkvUrl,
  /** 1 s of 64×64 picture (10 fps, H.264) in a MOV with a timecode track (starting 01:00:00:00). */
  timecode: timecodeUrl,
  /**
   * MPEG transport streams as FFmpeg writes them, clocks starting at 1.4 s (.m2t: a .ts that the dev server does not
   * take for TypeScript). 1 s of the barcode picture at 160×90 (H.264 High with B-frames, keyframe every 15 frames) with
   * a beep at 0.25 s: AAC (mono 48 kHz, starting its 1024-sample priming before the picture) in 188-byte packets, and
   * AC-3 in 192-byte packets (.m2ts: AVCHD camcorders' layout).
   */
  barcodeTs: barcodeTsUrl,
  barcodeM2ts: barcodeM2tsUrl,
  /** 1 s of the barcode picture at 160×90 (H.264 Main, no B-frames) whose MP3 sound (mono 48 kHz) starts 0.2 s in, with a beep at 0.25 s. */
  lateSoundTs: lateSoundTsUrl,
  /** 0.5 s of a 440 Hz tone, mono AAC at 48 kHz, sound only. */
  toneTs: toneTsUrl,
  /**
   * The first 20 frames (0.67 s) of the barcode picture (H.264 High, no B-frames) with AAC, whole, its last picture's
   * PES packet exactly filling its last TS packet (no stuffing), the sound's last PES after it.
   */
  wholeFullEndTs: wholeFullEndTsUrl,
  /** 0.2 s of 160×90 MPEG-2 video with MPEG-1 Layer II sound, as HDV camcorders and SD broadcasts write. */
  mpeg2Ts: mpeg2TsUrl,
  /** 0.5 s of the barcode picture at 160×90 (H.264 Main, no B-frames) with MP2 sound (MPEG-1 Layer II, mono 48 kHz), a beep at 0.25 s. */
  mp2Ts: mp2TsUrl,
  /**
   * Matroska and WebM whose sound starts before the picture (each with a beep 0.25 s into the picture, mono 48 kHz).
   * The TS fixtures' 1 s as FFmpeg writes an MKV: H.264 High with B-frames starting 21 ms in, after the AAC's priming.
   * 1 s of the barcode picture at 160×90 as Chrome's MediaRecorder writes a WebM: VP8 starting 107 ms after the sound
   * (Opus in 60 ms packets). 0.5 s of the barcode picture (VP9) starting 0.507 s into 1 s of Opus: sound recorded before
   * the camera's first frame.
   */
  barcodeMkv: barcodeMkvUrl,
  recorderWebm: recorderWebmUrl,
  soundFirstWebm: soundFirstWebmUrl,
  /** The same as an MPEG-TS (H.264 Main without B-frames, AAC): the sound starts 0.52 s before the picture. */
  soundFirstTs: soundFirstTsUrl,
  /** 1 s of 64×64 picture (10 fps) twice, no sound: an HEVC video track, then an H.264 one. */
  hevcThenH264: hevcThenH264Url,
} as const;

export async function fixtureFile(name: keyof typeof FIXTURES, fileName = FIXTURES[name].split('/').pop()!.split('?')[0]!): Promise<File> {
  const response = await fetch(FIXTURES[name]);
  return new File([await response.blob()], fileName);
}
