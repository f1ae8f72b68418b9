// Expected values were checked against apps/core's echo_core.youtube_rules (Python), so the
// counters in the editor agree with what the API accepts.
import { describe, expect, it } from 'vitest'
import {
  codePointLength,
  descriptionLength,
  descriptionProblem,
  limitLevel,
  MAX_DESCRIPTION_BYTES,
  MAX_TAGS_CHARS,
  MAX_TITLE_CHARS,
  parseTagInput,
  pyStrip,
  tagsLength,
  tagsProblem,
  titleLength,
  titleProblem,
} from './youtube-limits'

describe('limits', () => {
  it('match youtube_rules.py', () => {
    expect(MAX_TITLE_CHARS).toBe(100)
    expect(MAX_DESCRIPTION_BYTES).toBe(5000)
    expect(MAX_TAGS_CHARS).toBe(500)
  })
})

describe('pyStrip', () => {
  it.each([
    ['  a b  ', 'a b'],
    ['\t\n\v\f\ra\r\n', 'a'],
    // Python strips the information separators and NEL; JavaScript's trim() does not.
    [' \x1c\x1f\x85a', 'a'],
    // ...and JavaScript's trim() strips the BOM, which Python keeps.
    ['a\ufeff', 'a\ufeff'],
    ['\u3000\u00a0a\u2003', 'a'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(pyStrip(input)).toBe(expected)
  })
})

describe('lengths', () => {
  it('counts code points like Python len()', () => {
    expect(codePointLength('🎬')).toBe(1)
    expect('🎬'.length).toBe(2)
    expect(titleLength('Cook 🎬 pasta')).toBe(12)
    expect(titleLength('')).toBe(0)
  })

  it('counts the description in UTF-8 bytes', () => {
    expect(descriptionLength('abc')).toBe(3)
    expect(descriptionLength('é')).toBe(2)
    expect(descriptionLength('🎬')).toBe(4)
    expect(descriptionLength('日本')).toBe(6)
  })
})

describe('titleProblem', () => {
  it('accepts a normal title', () => {
    expect(titleProblem('How to cook pasta')).toBeNull()
  })

  it.each([[''], ['   '], ['\x1c\x85 ']])('refuses a blank title %j', (title) => {
    expect(titleProblem(title)).toBe('Title must not be empty.')
  })

  it('keeps a BOM-only title, as Python does', () => {
    expect(titleProblem('\ufeff')).toBeNull()
  })

  it('allows exactly 100 characters, counting emoji once', () => {
    expect(titleProblem('🎬'.repeat(100))).toBeNull()
    expect(titleProblem('🎬'.repeat(101))).toBe(
      'Title must be at most 100 characters (it has 101).',
    )
    expect(titleProblem('a'.repeat(101))).toBe('Title must be at most 100 characters (it has 101).')
  })

  it.each([['a < b'], ['a > b'], ['<b>bold</b>']])('refuses angle brackets in %j', (title) => {
    expect(titleProblem(title)).toBe('Title must not contain < or >.')
  })

  it('reports the length before the brackets, as the backend does', () => {
    expect(titleProblem(`<${'a'.repeat(100)}`)).toMatch(/at most 100 characters/)
  })
})

describe('descriptionProblem', () => {
  it('allows an empty description', () => {
    expect(descriptionProblem('')).toBeNull()
  })

  it('allows exactly 5000 bytes', () => {
    expect(descriptionProblem('é'.repeat(2500))).toBeNull()
    expect(descriptionProblem('é'.repeat(2501))).toBe(
      'Description must be at most 5000 bytes (it has 5002).',
    )
    expect(descriptionProblem(`${'a'.repeat(4996)}🎬`)).toBeNull()
    expect(descriptionProblem(`${'a'.repeat(4997)}🎬`)).toMatch(/it has 5001/)
  })

  it('refuses angle brackets', () => {
    expect(descriptionProblem('Visit <my site>')).toBe('Description must not contain < or >.')
  })
})

describe('tagsLength', () => {
  it.each<[string[], number]>([
    [[], 0],
    [['x'], 1],
    // "a b" is quoted (+2), commas between tags (+2): 5 + 2 + 1 + 2
    [['a b', 'cd', 'é'], 10],
    [['🎬'], 1],
    [['one two three'], 15],
  ])('%j → %i', (tags, expected) => {
    expect(tagsLength(tags)).toBe(expected)
  })
})

describe('tagsProblem', () => {
  it('accepts exactly 500 characters in all', () => {
    expect(tagsProblem(['a'.repeat(500)])).toBeNull()
    expect(tagsProblem(['a'.repeat(248), 'b'.repeat(251)])).toBeNull()
    expect(tagsProblem(['a'.repeat(248), 'b'.repeat(252)])).toBe(
      'Tags must be at most 500 characters in all (they have 501).',
    )
  })

  it('counts quotes around a tag with a space', () => {
    expect(tagsProblem([`a ${'b'.repeat(496)}`])).toBeNull()
    expect(tagsProblem([`a ${'b'.repeat(497)}`])).toBe(
      'Tags must be at most 500 characters in all (they have 501).',
    )
  })

  it('strips each tag first, as the API does', () => {
    // Stripped, the trailing space no longer counts (nor adds quotes).
    expect(tagsProblem([`${'a'.repeat(500)} `])).toBeNull()
    expect(tagsProblem([' x '])).toBeNull()
  })

  it.each<[string[]]>([[['']], [['ok', '  ']], [['\u3000']]])('refuses empty tags %j', (tags) => {
    expect(tagsProblem(tags)).toBe('Tags must not be empty.')
  })

  it.each<[string[]]>([[['a,b']], [['<tag>']], [['fine', 'x>y']]])(
    'refuses commas and angle brackets %j',
    (tags) => {
      expect(tagsProblem(tags)).toBe('Tags must not contain <, > or commas.')
    },
  )

  it('accepts no tags', () => {
    expect(tagsProblem([])).toBeNull()
  })
})

describe('parseTagInput', () => {
  it('splits on commas and new lines and strips each piece', () => {
    expect(parseTagInput(' cooking, pasta night ,\nitalian food\r\n')).toEqual([
      'cooking',
      'pasta night',
      'italian food',
    ])
  })

  it('drops empty pieces, angle brackets and quotes', () => {
    expect(parseTagInput(',, <b>bold</b> , "quoted",')).toEqual(['bbold/b', 'quoted'])
  })

  it('drops tags already present or repeated, case-insensitively', () => {
    expect(parseTagInput('Pasta, pasta, Sauce, SAUCE', ['PASTA'])).toEqual(['Sauce'])
  })
})

describe('limitLevel', () => {
  it.each<[number, number, string]>([
    [0, 100, 'ok'],
    [89, 100, 'ok'],
    [90, 100, 'near'],
    [100, 100, 'near'],
    [101, 100, 'over'],
  ])('%i of %i → %s', (used, limit, expected) => {
    expect(limitLevel(used, limit)).toBe(expected)
  })
})
