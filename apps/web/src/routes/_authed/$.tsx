// Any address no other route matches: answered 404 inside the app's frame (header and
// all), so a mistyped link still leads somewhere.
import { createFileRoute, notFound } from '@tanstack/react-router'
import { NotFound } from '../../ui/route-status'

export const Route = createFileRoute('/_authed/$')({
  loader: () => {
    throw notFound()
  },
  notFoundComponent: NotFound,
})
