// A strict reader for SubRip (.srt): numbered cues, "HH:MM:SS,mmm --> HH:MM:SS,mmm", text.

export interface SrtCue {
  index: number
  /** seconds */
  start: number
  end: number
  text: string
}

const TIMING = /^(\d{2}):(\d{2}):(\d{2}),(\d{3}) --> (\d{2}):(\d{2}):(\d{2}),(\d{3})$/

export function parseSrt(source: string): SrtCue[] {
  const blocks = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n/g, '\n')
    .trim()
    .split(/\n{2,}/)
  return blocks.map((block, at) => {
    const [index, timing, ...text] = block.split('\n')
    const times = TIMING.exec(timing ?? '')
    if (!index || !/^\d+$/.test(index) || !times || text.length === 0 || !text.join('').trim()) {
      throw new Error(`SRT block ${at + 1} is malformed:\n${block}`)
    }
    const seconds = (h = '0', m = '0', s = '0', ms = '0') =>
      Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000
    const [, h1, m1, s1, ms1, h2, m2, s2, ms2] = times
    return {
      index: Number(index),
      start: seconds(h1, m1, s1, ms1),
      end: seconds(h2, m2, s2, ms2),
      text: text.join('\n'),
    }
  })
}
