// The stylesheets of the dashboard and job pages. React 19 hoists a <link precedence> into
// <head>, loads it once, and holds the page back until it has loaded, so a client-side
// visit never flashes unstyled content (the video page does the same with its own).
import jobsCss from './jobs.css?url'

export function JobsStyles() {
  return <link rel="stylesheet" href={jobsCss} precedence="default" />
}
