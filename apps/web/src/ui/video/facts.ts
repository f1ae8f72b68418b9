// How the video's technical facts read on screen.

const FORMATS: Record<string, string> = {
  'video/mp4': 'MP4',
  'video/webm': 'WebM',
  'video/quicktime': 'QuickTime (MOV)',
  'video/x-matroska': 'Matroska (MKV)',
  'video/x-msvideo': 'AVI',
  'video/mpeg': 'MPEG',
  'video/ogg': 'Ogg',
  'video/3gpp': '3GP',
  'video/x-flv': 'Flash video',
  'video/mp2t': 'MPEG-TS',
}

/** A readable container name: from the content type, else the probe's demuxer name. */
export function formatName(contentType: string, probed: string | null | undefined): string {
  const known = FORMATS[contentType.toLowerCase()]
  if (known) return known
  const first = probed?.split(',')[0]?.trim()
  return first ? first.toUpperCase() : contentType
}

/** "1280x720" → "1280 × 720". */
export function formatResolution(resolution: string | null | undefined): string {
  if (!resolution) return '—'
  const match = /^(\d+)\s*[x×]\s*(\d+)$/.exec(resolution)
  return match ? `${match[1]} × ${match[2]}` : resolution
}

/** 29.97002997 → "29.97 fps", 30 → "30 fps". */
export function formatFps(fps: number | null | undefined): string {
  if (fps == null || !Number.isFinite(fps) || fps <= 0) return '—'
  return `${Number(fps.toFixed(2))} fps`
}

/** "en" → "English" (the code itself when the browser does not know it). */
export function languageName(code: string | null | undefined): string {
  if (!code) return '—'
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}

/**
 * The language the job used, and where it came from: the uploader's choice, or Whisper's
 * detection when the upload said "auto". Before transcription, the choice alone.
 */
export function describeLanguage(used: string | null | undefined, asked: string): string {
  const detect = asked === 'auto'
  if (used) return `${languageName(used)} (${detect ? 'detected' : 'chosen at upload'})`
  return detect ? 'Detected when transcribed' : `${languageName(asked)} (chosen at upload)`
}
