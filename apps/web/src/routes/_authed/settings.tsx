// The instance's settings, for its admins: the text engine. Everyone else gets the
// API's 403, shown as a page that says whom it is for.
import { createFileRoute, notFound } from '@tanstack/react-router'
import { errorCode } from '../../api/errors'
import { settingsGetOptions } from '../../api/gen/@tanstack/react-query.gen'
import { AdminsOnly, SettingsPage } from '../../ui/settings/settings-page'

export const Route = createFileRoute('/_authed/settings')({
  loader: async ({ context }) => {
    try {
      return await context.queryClient.ensureQueryData(settingsGetOptions())
    } catch (error) {
      if (errorCode(error) === 'forbidden') throw notFound()
      throw error
    }
  },
  head: () => ({ meta: [{ title: 'Settings · Echo' }] }),
  notFoundComponent: AdminsOnly,
  component: SettingsPage,
})
