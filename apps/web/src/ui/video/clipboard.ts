// Copying text that first has to be fetched.
//
// Browsers only let a page write to the clipboard shortly after a click. Safari ends that
// window at the first `await`, but accepts a ClipboardItem whose content is a promise; so
// the promise form comes first, with writeText after the fetch as the fallback.

export async function copyText(text: Promise<string> | string): Promise<void> {
  const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined
  if (!clipboard) throw new Error('This browser does not allow copying from the page.')
  if (typeof ClipboardItem !== 'undefined' && typeof clipboard.write === 'function') {
    const blob = Promise.resolve(text).then((value) => new Blob([value], { type: 'text/plain' }))
    try {
      await clipboard.write([new ClipboardItem({ 'text/plain': blob })])
      return
    } catch (error) {
      // A failed fetch is the real error; a refused write may still work as writeText.
      await blob
      if (!(error instanceof DOMException)) throw error
    }
  }
  await clipboard.writeText(await text)
}
